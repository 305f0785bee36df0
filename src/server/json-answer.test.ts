import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { openServerContext, type ServerContext } from './context.js';

// an answer of the compare route's shape: 4 images × 2,000 days (~1 MB of JSON)
const big = {
  schemaVersion: '1',
  from: '2019-01-01',
  images: Array.from({ length: 4 }, (_, i) => ({
    image: `cgr.dev/chainguard/python:${i}`,
    summary: undefined,
    points: Array.from({ length: 2000 }, (_, d) => ({
      day: `2019-${String(1 + (d % 12)).padStart(2, '0')}-01`,
      kind: d % 9 ? 'replayed' : 'observed',
      total: d % 13,
      coverage: d % 4 ? null : 0.5,
      note: d === 7 ? 'naïve ☃ \u{1F600}' : undefined,
    })),
  })),
};
const text = JSON.stringify(big);
const etagOf = (s: string) => `"${createHash('sha256').update(s).digest('base64url').slice(0, 27)}"`;

const dir = mkdtempSync(join(tmpdir(), 'cleanroom-json-answer-'));
let ctx: ServerContext;
let app: Awaited<ReturnType<typeof buildApp>>;
let tight: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  ctx = await openServerContext(join(dir, 'history.db'), join(dir, 'none.db'));
  app = await buildApp(ctx, { cacheBytes: 0 });
  app.get('/big', async () => big);
  app.get('/small', async () => ({ ok: true, n: 1 }));
  tight = await buildApp(ctx, { cacheBytes: 0, limits: { maxAnswerBytes: 100_000 } });
  tight.get('/big', async () => big);
});
afterAll(async () => {
  await app.close();
  await tight.close();
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a JSON answer serialised in chunks', () => {
  it("sends JSON.stringify's bytes, with the type, length and ETag Fastify's one piece had", async () => {
    const res = await app.inject({ url: '/big', headers: { 'accept-encoding': 'identity' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(text);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(text)));
    expect(res.headers.etag).toBe(etagOf(text));
  });

  it('answers 304 to the ETag it sent, and gzips the same bytes', async () => {
    const revalidated = await app.inject({ url: '/big', headers: { 'if-none-match': etagOf(text) } });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    const zipped = await app.inject({ url: '/big', headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(text);
    expect(zipped.headers.etag).toBe(etagOf(text));
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await app.inject({ method: 'HEAD', url: '/big', headers: { 'accept-encoding': 'identity' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('sends a small answer as one piece, as before', async () => {
    const res = await app.inject({ url: '/small', headers: { 'accept-encoding': 'gzip' } });
    expect(res.body).toBe('{"ok":true,"n":1}');
    expect(res.headers['content-length']).toBe('17');
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('still refuses an answer over the size limit, with the error its own length', async () => {
    const res = await tight.inject({ url: '/big' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'answer-too-large' });
    expect(res.headers['content-length']).toBe(String(res.rawPayload.length));
    expect(res.headers.etag).toBeUndefined();
  });
});
