/**
 * The checks a finished download must pass before it replaces the cached file: the size the
 * server announced, and the sha256 it publishes beside the file, when it does.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { InputError } from '../../errors.js';

/** The full size of the file being fetched, from Content-Range or Content-Length. */
export function expectedTotal(response: Response, start: number): number | undefined {
  const range = response.headers.get('content-range');
  const total = range?.match(/\/(\d+)\s*$/)?.[1];
  if (total) return Number(total);
  const length = response.headers.get('content-length');
  return length ? start + Number(length) : undefined;
}

// `URL.sha256` is the usual convention of feed mirrors (EPSS, NVD use .sha256 / .meta files)
/** Checks a finished download against `URL.sha256` when the server publishes one. */
export async function verifyChecksum(url: string, path: string): Promise<void> {
  let expected: string | undefined;
  try {
    const response = await fetch(`${url}.sha256`);
    if (response.ok) expected = (await response.text()).match(/\b[0-9a-f]{64}\b/i)?.[0]?.toLowerCase();
    else await response.body?.cancel();
  } catch {
    return; // not offered: Content-Length was the check
  }
  if (!expected) return;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const actual = hash.digest('hex');
  if (actual !== expected) {
    await rm(path, { force: true });
    throw new InputError(
      `the download of ${url} does not match its published sha256 (got ${actual}, expected ${expected})`,
    );
  }
}
