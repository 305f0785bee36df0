import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { etagOfDigest, serialiseJson } from './json-answer.js';
import { jsonPieces } from './json-chunks.js';

const joined = (v: unknown, batchNodes?: number) => [...jsonPieces(v, batchNodes)].join('');

// a value large enough to be cut in pieces at every level: an answer of 3 images × 1,500 points
const bigAnswer = () => ({
  schemaVersion: '1',
  from: '2020-01-01',
  skipped: undefined,
  images: Array.from({ length: 3 }, (_, i) => ({
    image: `cgr.dev/chainguard/python:${i}`,
    note: i === 1 ? undefined : 'naïve ☃ \u{1F600} "quoted" \\ \n',
    points: Array.from({ length: 1500 }, (_, d) => ({
      day: new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10),
      total: d % 7,
      coverage: d % 3 ? null : d / 3,
      gone: undefined,
      fn: () => d,
      bySeverity: { critical: d % 2, high: NaN, low: Infinity, '10': 1, '2': 2 },
      ids: d % 5 ? [] : [`CVE-2020-${d}`, undefined],
      at: new Date(Date.UTC(2020, 0, 1)),
    })),
  })),
});

describe('jsonPieces', () => {
  it('writes what JSON.stringify writes, for any JSON-like value', () => {
    fc.assert(
      fc.property(
        fc.anything({ maxDepth: 4, withNullPrototype: true, withSparseArray: true, withDate: true }),
        fc.integer({ min: 1, max: 8 }),
        (v, batchNodes) => {
          // cut at every level (a batch of 1 to 8 values) and whole
          expect(joined(v, batchNodes)).toBe(JSON.stringify(v) ?? '');
          expect(joined(v)).toBe(JSON.stringify(v) ?? '');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('cuts a large answer in many pieces and still writes JSON.stringify byte for byte', () => {
    const v = bigAnswer();
    const pieces = [...jsonPieces(v)];
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(JSON.stringify(v).length / 5);
    expect(pieces.join('')).toBe(JSON.stringify(v));
    // large arrays of large elements, and an array of many small ones
    const rows = Array.from({ length: 40 }, (_, i) => bigAnswer().images[i % 3]);
    expect(joined(rows)).toBe(JSON.stringify(rows));
    const many = Array.from({ length: 20_000 }, (_, i) => (i % 11 ? i : undefined));
    expect(joined(many)).toBe(JSON.stringify(many));
  });

  it("leaves out a key whose toJSON answers undefined, and keeps a Date's toJSON", () => {
    const v = {
      a: { toJSON: () => undefined },
      b: 1,
      big: Array.from({ length: 5000 }, () => ({ d: new Date(0) })),
    };
    expect(joined(v)).toBe(JSON.stringify(v));
  });

  it('refuses a circular structure, as JSON.stringify does', () => {
    const loop: { self?: unknown; pad: number[] } = { pad: Array.from({ length: 5000 }, (_, i) => i) };
    loop.self = loop;
    expect(() => joined(loop)).toThrow(TypeError);
  });
});

describe('serialiseJson', () => {
  it("gives JSON.stringify's UTF-8 bytes and the ETag of their SHA-256", async () => {
    const v = bigAnswer();
    const text = JSON.stringify(v);
    const { chunks, bytes, etag } = await serialiseJson(v);
    expect(chunks.length).toBeGreaterThan(10);
    expect(Buffer.concat(chunks).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(bytes).toBe(Buffer.byteLength(text));
    expect(etag).toBe(etagOfDigest(createHash('sha256').update(text).digest()));
  });

  it('stops once its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(serialiseJson(bigAnswer(), controller.signal)).rejects.toThrow('gone');
  });
});
