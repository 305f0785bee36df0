/**
 * A content-addressed cache of blobs shared by every run: `<root>/blobs/sha256/<hex>` (the OCI
 * layout's naming), root defaulting to `$XDG_CACHE_HOME/cleanroom`. A blob is streamed to a temp
 * file beside its final place and renamed only after its digest verifies, so a reader never sees
 * a partial or corrupt blob and concurrent runs can share the folder.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InputError, errorMessage } from '../../errors.js';

/** The user's cache folder for cleanroom: `$XDG_CACHE_HOME/cleanroom` or `~/.cache/cleanroom`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cleanroom');
}

export interface StoreOptions {
  /** the expected size from the descriptor; a mismatch is corruption */
  size?: number;
  /** how the blob is named in errors, e.g. `layer sha256:… of host/repo` */
  what: string;
  /** abort when no byte arrives for this long */
  idleMs?: number;
  onBytes?: (done: number) => void;
}

/** The blob cache under one root folder. */
export class BlobCache {
  constructor(readonly root: string) {}

  /** Where a blob lives (or would live) in the cache. */
  path(digest: string): string {
    const [algo, hex] = digest.split(':');
    if ((algo !== 'sha256' && algo !== 'sha512') || !hex || !/^[a-f0-9]+$/.test(hex))
      throw new InputError(`invalid digest "${digest}"`);
    return join(this.root, 'blobs', algo, hex);
  }

  /** Whether the blob is cached (and of the expected size when one is given); a hit counts as a use. */
  async has(digest: string, size?: number): Promise<boolean> {
    const info = await stat(this.path(digest)).catch(() => undefined);
    const hit = Boolean(info?.isFile() && (size === undefined || info.size === size));
    if (hit) await this.touch(digest);
    return hit;
  }

  /** Streams a cached blob, marking it used. */
  open(digest: string): Readable {
    void this.touch(digest);
    return createReadStream(this.path(digest));
  }

  // Eviction is least recently used first, by mtime: atime is not kept on relatime/noatime mounts.
  private async touch(digest: string): Promise<void> {
    const now = new Date();
    await utimes(this.path(digest), now, now).catch(() => undefined);
  }

  /** Streams a body into the cache, verifying size and digest; nothing is kept when they do not match. */
  async store(digest: string, body: Readable, options: StoreOptions): Promise<void> {
    const final = this.path(digest);
    await mkdir(dirname(final), { recursive: true }).catch((err: unknown) => {
      throw new InputError(`cannot create the blob cache ${this.root}: ${errorMessage(err)}`, { cause: err });
    });
    const temp = `${final}.${randomBytes(6).toString('hex')}.partial`;
    const hash = createHash(digest.startsWith('sha512:') ? 'sha512' : 'sha256');
    let done = 0;
    let idle: NodeJS.Timeout | undefined;
    const armIdle = () => {
      if (!options.idleMs) return;
      clearTimeout(idle);
      idle = setTimeout(
        () =>
          body.destroy(
            new InputError(`download of ${options.what} stalled: no data for ${options.idleMs! / 1000} s`),
          ),
        options.idleMs,
      );
    };
    const meter = new Transform({
      transform(chunk: Buffer, _enc, callback) {
        hash.update(chunk);
        done += chunk.length;
        // a server that sends more than the descriptor says is not to be trusted with our disk
        if (options.size !== undefined && done > options.size) {
          callback(
            new InputError(
              `${options.what} is larger than the ${options.size} bytes its descriptor states; nothing was cached`,
            ),
          );
          return;
        }
        armIdle();
        options.onBytes?.(done);
        callback(null, chunk);
      },
    });
    try {
      armIdle();
      await pipeline(body, meter, createWriteStream(temp));
      const actual = `${digest.split(':')[0]}:${hash.digest('hex')}`;
      if (actual !== digest || (options.size !== undefined && done !== options.size)) {
        throw new InputError(
          `${options.what} does not match its digest (got ${actual}, ${done} bytes${options.size !== undefined ? ` of ${options.size}` : ''}); nothing was cached`,
        );
      }
      await rename(temp, final);
    } catch (err) {
      await rm(temp, { force: true });
      if (err instanceof InputError) throw err;
      throw new InputError(`download of ${options.what} failed: ${errorMessage(err)}`, { cause: err });
    } finally {
      clearTimeout(idle);
    }
  }
}
