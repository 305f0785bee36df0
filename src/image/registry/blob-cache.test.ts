import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobCache, defaultCacheDir } from './blob-cache.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cleanroom-blob-cache-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const bytes = Buffer.from('hello blob '.repeat(1000));
const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const chunks = (b: Buffer) => Readable.from([b.subarray(0, 100), b.subarray(100)]);

describe('BlobCache', () => {
  it('keeps a verified blob at blobs/sha256/<hex> and reads it back', async () => {
    const cache = new BlobCache(join(root, 'ok'));
    expect(await cache.has(digest)).toBe(false);
    await cache.store(digest, chunks(bytes), { size: bytes.length, what: 'blob' });
    expect(await readFile(join(root, 'ok', 'blobs', 'sha256', digest.slice(7)))).toEqual(bytes);
    expect(await cache.has(digest, bytes.length)).toBe(true);
    expect(await cache.has(digest, bytes.length + 1)).toBe(false);
  });

  it.each([
    [
      'other bytes',
      Buffer.from(bytes.map((b, i) => (i === 5 ? b ^ 1 : b))),
      bytes.length,
      /does not match its digest/,
    ],
    ['too few bytes', bytes.subarray(1), bytes.length, /does not match its digest/],
    [
      'more bytes than stated',
      Buffer.concat([bytes, bytes]),
      bytes.length,
      /larger than the \d+ bytes its descriptor states/,
    ],
  ])('keeps nothing for %s', async (_name, body, size, why) => {
    const dir = await mkdtemp(join(root, 'bad-'));
    const cache = new BlobCache(dir);
    await expect(cache.store(digest, chunks(body), { size, what: `blob ${digest}` })).rejects.toThrow(why);
    expect(await readdir(join(dir, 'blobs', 'sha256'))).toEqual([]);
  });

  it('lives under $XDG_CACHE_HOME/cleanroom, else ~/.cache/cleanroom', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/cleanroom');
    expect(defaultCacheDir({})).toMatch(/\.cache\/cleanroom$/);
  });
});
