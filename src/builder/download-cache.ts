/**
 * Files fetched from a mirror, kept by their SHA256 under `$XDG_CACHE_HOME/cleanroom/build/`. A
 * file enters the cache only once its hash matched the one expected (from the signed Release or a
 * verified Packages index), and is hashed again whenever it is read back, so the cache can never
 * feed an unverified byte into an image.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';

/** The folder of verified downloads: `$XDG_CACHE_HOME/cleanroom/build` (~/.cache/cleanroom/build). */
export function buildCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cleanroom', 'build');
}

/** The hex SHA256 of bytes. */
export const sha256Hex = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A file expected to have a given SHA256: where to fetch it and what to call it in errors. */
export interface Expected {
  url: string;
  sha256: string;
  /** how errors name the file: its URL, or its pool path for a `.deb` */
  label: string;
  /** what vouches for the hash: `the signed Release`, `the verified Packages index` */
  vouchedBy: string;
}

/** Reads and hashes a cached file; undefined when absent or damaged (then fetched again). */
export async function readCached(dir: string, sha256: string): Promise<Buffer | undefined> {
  const data = await readFile(join(dir, 'sha256', sha256)).catch(() => undefined);
  return data && sha256Hex(data) === sha256 ? data : undefined;
}

/** Keeps verified bytes under their hash (temp file, then rename: readers never see half a file). */
export async function storeCached(dir: string, sha256: string, data: Buffer): Promise<void> {
  await mkdir(join(dir, 'sha256'), { recursive: true });
  const temp = join(dir, 'sha256', `.${sha256}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temp, data);
  await rename(temp, join(dir, 'sha256', sha256)).catch(async (e: unknown) => {
    await rm(temp, { force: true });
    throw e;
  });
}

/** GETs a URL into memory, retrying once after a network error or a 5xx; else an InputError naming the URL. */
export async function fetchBytes(url: string, attempts = 2): Promise<Buffer> {
  let problem = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(url);
      if (response.ok) return Buffer.from(await response.arrayBuffer());
      problem = `HTTP ${response.status}`;
      if (response.status < 500) break;
    } catch (err) {
      const cause = (err as Error).cause;
      problem = cause instanceof Error ? cause.message : String(cause ?? err);
    }
  }
  throw new InputError(`cannot fetch ${url}: ${problem}`);
}

/** The bytes of an expected file: from the cache, else fetched, checked, and cached. */
export async function fetchVerified(dir: string, expected: Expected): Promise<Buffer> {
  const cached = await readCached(dir, expected.sha256);
  if (cached) return cached;
  const data = await fetchBytes(expected.url);
  const actual = sha256Hex(data);
  if (actual !== expected.sha256)
    throw new InputError(
      `${expected.label}${expected.label === expected.url ? '' : ` (from ${expected.url})`} does not match ` +
        `the SHA256 ${expected.vouchedBy} gives it (expected ${expected.sha256}, got ${actual})`,
    );
  await storeCached(dir, expected.sha256, data);
  return data;
}
