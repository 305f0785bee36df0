/**
 * Keeping the blob cache bounded: a worker that pulls images every day must not fill its disk.
 * Blobs are evicted least recently used first (the cache touches a blob's mtime on every use),
 * never one the current pull holds. Removal is a plain unlink: a concurrent run that has the blob
 * open keeps reading it (POSIX), and one that has not opened it yet downloads it again.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface CachedBlob {
  digest: string;
  path: string;
  size: number;
  /** the last use: mtime, touched on every read */
  usedAt: number;
}

export interface EvictOptions {
  /** remove least recently used blobs until the cache holds at most this many bytes */
  maxBytes?: number;
  /** remove blobs not used for this long */
  olderThanMs?: number;
  /** digests in use: never removed */
  keep?: ReadonlySet<string>;
  now?: number;
}

export interface EvictResult {
  removed: CachedBlob[];
  freedBytes: number;
  /** what stays: bytes and count */
  bytes: number;
  count: number;
}

const ALGORITHMS = ['sha256', 'sha512'];

/** Lists the complete blobs of a cache (temp files of downloads in progress are not blobs yet). */
export async function listCachedBlobs(root: string): Promise<CachedBlob[]> {
  const blobs: CachedBlob[] = [];
  for (const algo of ALGORITHMS) {
    const dir = join(root, 'blobs', algo);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!/^[a-f0-9]+$/.test(name)) continue;
      const info = await stat(join(dir, name)).catch(() => undefined);
      if (!info?.isFile()) continue;
      blobs.push({ digest: `${algo}:${name}`, path: join(dir, name), size: info.size, usedAt: info.mtimeMs });
    }
  }
  // oldest use first; the digest breaks ties so the order is stable
  return blobs.sort((a, b) => a.usedAt - b.usedAt || a.digest.localeCompare(b.digest));
}

/** Removes blobs unused for `olderThanMs`, then the least recently used until `maxBytes` holds. */
export async function evictBlobs(root: string, options: EvictOptions): Promise<EvictResult> {
  const blobs = await listCachedBlobs(root);
  const keep = options.keep ?? new Set<string>();
  const cutoff =
    options.olderThanMs === undefined ? -Infinity : (options.now ?? Date.now()) - options.olderThanMs;
  let bytes = blobs.reduce((sum, b) => sum + b.size, 0);
  const removed: CachedBlob[] = [];
  for (const blob of blobs) {
    if (keep.has(blob.digest)) continue;
    const stale = blob.usedAt < cutoff;
    const over = options.maxBytes !== undefined && bytes > options.maxBytes;
    if (!stale && !over) continue;
    await rm(blob.path, { force: true });
    removed.push(blob);
    bytes -= blob.size;
  }
  return {
    removed,
    freedBytes: removed.reduce((sum, b) => sum + b.size, 0),
    bytes,
    count: blobs.length - removed.length,
  };
}

/** What `cache status` shows: where the cache is, how many blobs, how many bytes. */
export async function blobCacheStatus(
  root: string,
): Promise<{ location: string; count: number; bytes: number; oldestUse?: string; newestUse?: string }> {
  const blobs = await listCachedBlobs(root);
  const first = blobs[0];
  const last = blobs[blobs.length - 1];
  return {
    location: join(root, 'blobs'),
    count: blobs.length,
    bytes: blobs.reduce((sum, b) => sum + b.size, 0),
    ...(first ? { oldestUse: new Date(first.usedAt).toISOString() } : {}),
    ...(last ? { newestUse: new Date(last.usedAt).toISOString() } : {}),
  };
}
