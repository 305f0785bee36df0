/**
 * Downloads one feed file into the cache: conditional (ETag / Last-Modified, so a 304 reuses the
 * cached file), resumable (a `.part` file continued with `Range:`), checked (Content-Length, and
 * `URL.sha256` where the server offers one), retried with backoff on 5xx and cut connections.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { expectedTotal, verifyChecksum } from './download-checks.js';
import { InputError, NotFoundError, UnavailableError, errorMessage } from '../../errors.js';

export interface DownloadProgress {
  url: string;
  received: number;
  total?: number;
}

export interface DownloadOptions {
  cacheDir: string;
  onProgress?: (progress: DownloadProgress) => void;
  /** attempts in all, for 5xx answers and cut connections */
  attempts?: number;
  retryDelayMs?: number;
}

export interface Downloaded {
  url: string;
  path: string;
  /** false when the server said 304: the cached file is current */
  changed: boolean;
  /** body bytes transferred by this call */
  transferred: number;
  fetchedAt: string;
  etag?: string;
  lastModified?: string;
}

const CacheMeta = z.object({
  url: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  fetchedAt: z.string(),
});
type CacheMeta = z.infer<typeof CacheMeta>;

class RetryableError extends Error {}

/** The cache folder of one URL: one folder per URL, so two feeds never share a file name. */
export function cacheEntry(cacheDir: string, url: string): { dir: string; file: string } {
  const dir = join(cacheDir, 'feeds', createHash('sha256').update(url).digest('hex').slice(0, 16));
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'index').replace(
    /[^\w.@+-]/g,
    '_',
  );
  return { dir, file: join(dir, name) };
}

async function readMeta(path: string): Promise<CacheMeta | undefined> {
  try {
    return CacheMeta.parse(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    return undefined;
  }
}

/** Fetches `url` into the cache unless the cached copy is current; returns the local file. */
export async function downloadFeedFile(url: string, options: DownloadOptions): Promise<Downloaded> {
  const { dir, file } = cacheEntry(options.cacheDir, url);
  await mkdir(dir, { recursive: true });
  const attempts = options.attempts ?? 3;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0)
      await new Promise((r) => setTimeout(r, (options.retryDelayMs ?? 500) * 2 ** (attempt - 1)));
    try {
      return await attemptDownload(url, file, options);
    } catch (err) {
      if (!(err instanceof RetryableError)) throw err;
      lastError = err;
    }
  }
  // the server kept failing or the connection kept dropping: worth trying again later
  throw new UnavailableError(
    `cannot download ${url} after ${attempts} attempts (${errorMessage(lastError)}); the partial file is kept to resume next time`,
  );
}

async function attemptDownload(url: string, file: string, options: DownloadOptions): Promise<Downloaded> {
  const meta = existsSync(file) ? await readMeta(`${file}.meta.json`) : undefined;
  const part = `${file}.part`;
  const partMeta = existsSync(part) ? await readMeta(`${part}.json`) : undefined;
  const partSize = partMeta ? (await stat(part)).size : 0;
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (partSize > 0 && partMeta) {
    headers.range = `bytes=${partSize}-`;
    // resume only if the file on the server is still the one the part came from
    const validator = partMeta.etag ?? partMeta.lastModified;
    if (validator) headers['if-range'] = validator;
  } else if (meta) {
    if (meta.etag) headers['if-none-match'] = meta.etag;
    if (meta.lastModified) headers['if-modified-since'] = meta.lastModified;
  }
  let response: Response;
  try {
    response = await fetch(url, { headers });
  } catch (err) {
    throw new RetryableError(errorMessage(err));
  }
  const fetchedAt = new Date().toISOString();
  if (response.status === 304 && meta) {
    await response.body?.cancel();
    return {
      url,
      path: file,
      changed: false,
      transferred: 0,
      fetchedAt: meta.fetchedAt,
      etag: meta.etag,
      lastModified: meta.lastModified,
    };
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    throw new RetryableError(`HTTP ${response.status}`);
  }
  if (response.status === 404 || response.status === 410)
    throw new NotFoundError(`cannot download ${url}: the server answered HTTP ${response.status}`);
  if (response.status !== 200 && response.status !== 206)
    throw new InputError(`cannot download ${url}: the server answered HTTP ${response.status}`);
  const resumed = response.status === 206;
  const start = resumed ? partSize : 0;
  const total = expectedTotal(response, start);
  const validators: CacheMeta = {
    url,
    fetchedAt,
    etag: response.headers.get('etag') ?? (resumed ? partMeta?.etag : undefined),
    lastModified: response.headers.get('last-modified') ?? (resumed ? partMeta?.lastModified : undefined),
  };
  if (!resumed) await writeFile(`${part}.json`, JSON.stringify(validators));
  let received = start;
  const counter = async function* (body: AsyncIterable<Uint8Array>) {
    for await (const chunk of body) {
      received += chunk.length;
      options.onProgress?.({ url, received, total });
      yield chunk;
    }
  };
  try {
    if (!response.body) throw new Error('empty response');
    await pipeline(
      Readable.fromWeb(response.body as never),
      counter,
      createWriteStream(part, { flags: resumed ? 'a' : 'w' }),
    );
  } catch (err) {
    throw new RetryableError(`connection lost after ${received} bytes: ${errorMessage(err)}`);
  }
  if (total !== undefined && received !== total)
    throw new RetryableError(`got ${received} of ${total} bytes`);
  await verifyChecksum(url, part);
  await rename(part, file);
  await rm(`${part}.json`, { force: true });
  await writeFile(`${file}.meta.json`, JSON.stringify(validators));
  return {
    url,
    path: file,
    changed: true,
    transferred: received - start,
    fetchedAt,
    etag: validators.etag,
    lastModified: validators.lastModified,
  };
}
