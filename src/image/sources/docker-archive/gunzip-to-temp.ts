/**
 * A `docker save | gzip` archive cannot be read by offset, so it is decompressed once into a temp
 * folder under the cache (or system temp) folder; the caller removes it on close.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { InputError, errorMessage } from '../../../errors.js';

export interface TempTar {
  path: string;
  remove(): Promise<void>;
}

/** Decompresses the gzip file `path` into a fresh temp folder; an InputError when it is damaged. */
export async function gunzipToTemp(
  path: string,
  cacheDir: string | undefined,
  maxBytes: number,
): Promise<TempTar> {
  const base = cacheDir ?? tmpdir();
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(join(base, 'cleanroom-archive-'));
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  const out = join(dir, 'archive.tar');
  try {
    const gunzip = createGunzip({ chunkSize: 256 * 1024 });
    let bytes = 0;
    // A gzip bomb would otherwise fill the disk: stop at the limit.
    gunzip.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes)
        gunzip.destroy(
          new RangeError(`${path} expands past ${maxBytes} bytes (raise --max-layer-bytes to allow it).`),
        );
    });
    await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), gunzip, createWriteStream(out));
  } catch (err) {
    await remove();
    if (err instanceof RangeError) throw new InputError(err.message);
    const code = (err as { code?: string }).code;
    if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(errorMessage(err)))
      throw new InputError(`${path} is truncated.`);
    throw new InputError(`${path} is not valid gzip (${errorMessage(err)}).`);
  }
  return { path: out, remove };
}
