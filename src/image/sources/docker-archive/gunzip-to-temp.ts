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
export async function gunzipToTemp(path: string, cacheDir?: string): Promise<TempTar> {
  const base = cacheDir ?? tmpdir();
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(join(base, 'cleanroom-archive-'));
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  const out = join(dir, 'archive.tar');
  try {
    await pipeline(
      createReadStream(path, { highWaterMark: 1024 * 1024 }),
      createGunzip({ chunkSize: 256 * 1024 }),
      createWriteStream(out),
    );
  } catch (err) {
    await remove();
    const code = (err as { code?: string }).code;
    if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(errorMessage(err)))
      throw new InputError(`${path} is truncated.`);
    throw new InputError(`${path} is not valid gzip (${errorMessage(err)}).`);
  }
  return { path: out, remove };
}
