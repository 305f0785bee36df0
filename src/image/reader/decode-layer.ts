/**
 * A layer blob as a stream of its uncompressed tar bytes: the compression is sniffed from the magic
 * bytes (media types lie: `docker save` calls gzip blobs `.tar`), gzip goes through native zlib,
 * zstd through fzstd, anything else passes through. The uncompressed bytes are hashed on the way
 * (the diff id) and counted against the size limit, so a gzip bomb stops early.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';

export type Compression = 'gzip' | 'zstd' | 'none';

/** Which compression a blob uses, from its first bytes. */
export function sniffCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

/** The first chunk of a stream, pushed back so the stream can still be piped whole. */
export function peekStream(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      stream.off('data', onData).off('end', onEnd).off('error', reject);
    };
    const onData = (chunk: Buffer): void => {
      done();
      stream.pause();
      stream.unshift(chunk);
      resolve(chunk);
    };
    const onEnd = (): void => {
      done();
      resolve(Buffer.alloc(0));
    };
    stream.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

/** A Transform around fzstd's streaming decompressor. */
class ZstdDecoder extends Transform {
  private readonly inner = new Decompress((chunk) => {
    this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.inner.push(chunk);
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }
  override _flush(cb: TransformCallback): void {
    try {
      this.inner.push(new Uint8Array(0), true);
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }
}

/** The decompressor for a compression, or undefined for a plain tar. */
export function decoderFor(compression: Compression): Transform | undefined {
  if (compression === 'gzip') return createGunzip({ chunkSize: 1024 * 1024 });
  if (compression === 'zstd') return new ZstdDecoder();
  return undefined;
}

/** Raised by the meter when a layer expands past the limit. */
export class LayerTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`expands past ${limit} bytes`);
  }
}

/**
 * Hashes and counts the uncompressed bytes of `stream` as they flow to the tar parser. A 'data'
 * listener beside the pipe rather than a Transform: one stream hop less on the hot path.
 */
export class LayerMeter {
  readonly hash: Hash = createHash('sha256');
  bytes = 0;
  constructor(stream: Readable, limit: number) {
    stream.on('data', (chunk: Buffer) => {
      this.bytes += chunk.length;
      if (this.bytes > limit) stream.destroy(new LayerTooLargeError(limit));
      else this.hash.update(chunk);
    });
  }
}
