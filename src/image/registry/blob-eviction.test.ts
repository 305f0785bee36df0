import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobCache } from './blob-cache.js';
import { blobCacheStatus, evictBlobs, listCachedBlobs } from './blob-eviction.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cleanroom-eviction-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const DAY = 86_400_000;
const NOW = Date.parse('2024-06-30T00:00:00Z');

// a cache whose blob i is 1,000 bytes and was last used i days before NOW (blob 0 the newest)
async function cacheOf(name: string, days: number[]): Promise<{ dir: string; digests: string[] }> {
  const dir = join(root, name);
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  const digests: string[] = [];
  for (const [i, age] of days.entries()) {
    const bytes = Buffer.alloc(1000, i);
    const hex = createHash('sha256').update(bytes).digest('hex');
    const path = join(dir, 'blobs', 'sha256', hex);
    await writeFile(path, bytes);
    const when = new Date(NOW - age * DAY);
    await utimes(path, when, when);
    digests.push(`sha256:${hex}`);
  }
  // a download in progress is not a blob: never listed, never removed
  await writeFile(join(dir, 'blobs', 'sha256', `${digests[0]!.slice(7)}.abc123.partial`), 'x');
  return { dir, digests };
}

describe('evictBlobs', () => {
  it('removes the least recently used first until the bound holds', async () => {
    const { dir, digests } = await cacheOf('lru', [1, 5, 3, 9, 0]);
    const result = await evictBlobs(dir, { maxBytes: 2500 });
    // 5,000 bytes down to 2,000: the three oldest uses go (9, 5 and 3 days ago), in that order
    expect(result.removed.map((b) => b.digest)).toEqual([digests[3], digests[1], digests[2]]);
    expect(result).toMatchObject({ freedBytes: 3000, bytes: 2000, count: 2 });
    expect((await listCachedBlobs(dir)).map((b) => b.digest)).toEqual([digests[0], digests[4]]);
    expect((await readdir(join(dir, 'blobs', 'sha256'))).some((n) => n.endsWith('.partial'))).toBe(true);
  });

  it('never removes a blob in use, even past the bound', async () => {
    const { dir, digests } = await cacheOf('keep', [1, 5, 3, 9, 0]);
    const keep = new Set([digests[3]!, digests[1]!]);
    const result = await evictBlobs(dir, { maxBytes: 0, keep });
    expect(result.removed.map((b) => b.digest)).toEqual([digests[2], digests[0], digests[4]]);
    expect(new Set((await listCachedBlobs(dir)).map((b) => b.digest))).toEqual(keep);
  });

  it('removes blobs unused for an age, then trims to the bound', async () => {
    const { dir, digests } = await cacheOf('both', [1, 40, 3, 31, 0, 2]);
    const age = await evictBlobs(join(root, 'both'), { olderThanMs: 30 * DAY, now: NOW });
    expect(age.removed.map((b) => b.digest)).toEqual([digests[1], digests[3]]);
    const both = await evictBlobs(dir, { olderThanMs: 30 * DAY, maxBytes: 2000, now: NOW });
    expect(both.removed.map((b) => b.digest)).toEqual([digests[2], digests[5]]);
    expect(both).toMatchObject({ bytes: 2000, count: 2 });
  });

  it('reports location, count and bytes', async () => {
    const { dir } = await cacheOf('status', [2, 1]);
    expect(await blobCacheStatus(dir)).toEqual({
      location: join(dir, 'blobs'),
      count: 2,
      bytes: 2000,
      oldestUse: new Date(NOW - 2 * DAY).toISOString(),
      newestUse: new Date(NOW - DAY).toISOString(),
    });
    expect(await blobCacheStatus(join(root, 'absent'))).toMatchObject({ count: 0, bytes: 0 });
  });
});

describe('BlobCache use tracking', () => {
  it('a hit and a read touch the blob, so it becomes the most recently used', async () => {
    const { dir, digests } = await cacheOf('touch', [10, 20]);
    const cache = new BlobCache(dir);
    expect(await cache.has(digests[1]!, 1000)).toBe(true);
    const used = (await stat(cache.path(digests[1]!))).mtimeMs;
    expect(used).toBeGreaterThan(Date.now() - 60_000);
    const { removed } = await evictBlobs(dir, { maxBytes: 1000 });
    expect(removed.map((b) => b.digest)).toEqual([digests[0]]);
  });
});
