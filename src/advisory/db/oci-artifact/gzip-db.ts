/**
 * The DB blob of the artifact: the SQLite file gzipped with a header that carries no name and no
 * time (zlib's own gzip header has mtime 0 and no file name), so pushing the same DB twice gives
 * the same blob digest and the registry skips the upload. Both sides are hashed in one pass.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/** The sha256 and byte count of what passed through a meter. */
export interface Measured {
  digest: string;
  size: number;
}

/** A pass-through stream that hashes and counts; `result()` once the stream has ended. */
export function meter(): { stream: Transform; result: () => Measured } {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  let digest: string | undefined;
  return {
    stream,
    result: () => ({ digest: (digest ??= `sha256:${hash.digest('hex')}`), size }),
  };
}

/** Gzips `source` into `target`; returns the digests and sizes of the DB and of the blob. */
export async function gzipDb(source: string, target: string): Promise<{ db: Measured; blob: Measured }> {
  const plain = meter();
  const packed = meter();
  // level 6: on the fixture DB (92 MB) level 9 takes 3x as long (10.5 s against 3.4 s) for a blob only 4% smaller
  await pipeline(
    createReadStream(source),
    plain.stream,
    createGzip({ level: 6 }),
    packed.stream,
    createWriteStream(target),
  );
  return { db: plain.result(), blob: packed.result() };
}
