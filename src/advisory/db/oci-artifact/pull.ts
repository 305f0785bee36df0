/**
 * `db update --from REF`: pulls the advisory DB artifact that `db push` wrote and swaps it in.
 * Every byte is verified before it can reach the target: the manifest against its digest, the
 * blob against its descriptor's sha256 and size (while streaming, into a temp folder beside the
 * target), the SQLite file against the digest the manifest states, then the DB's own schema.
 * Only a rename makes it live, so a refused artifact leaves the old DB byte for byte as it was.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createGunzip } from 'node:zlib';
import { CleanroomError, InputError, errorMessage } from '../../../errors.js';
import { BlobCache } from '../../../image/registry/blob-cache.js';
import { type ClientOptions, RegistryClient } from '../../../image/registry/client.js';
import { parseReference } from '../../../image/registry/reference.js';
import { isPostgresUrl } from '../../../store/connect.js';
import { checkPulledDb } from './check-db.js';
import { ANNOTATION, parseArtifactManifest } from './artifact-manifest.js';
import { meter } from './gzip-db.js';

export interface PullOptions extends ClientOptions {
  /** the artifact: `host/repo:tag` or `host/repo@sha256:…` */
  from: string;
  /** the DB file (or postgres:// URL) to replace */
  db: string;
}

export interface PullResult {
  digest: string;
  builtAt: string;
  schemaVersion: number;
  bytes: number;
}

/** Pulls, verifies and swaps in the DB artifact at `options.from`; errors are one sentence naming it. */
export async function updateFromArtifact(options: PullOptions): Promise<PullResult> {
  try {
    return await pull(options);
  } catch (err) {
    // the blob cache's "nothing was cached" is beside the point here: the DB line below says what stayed
    const why = errorMessage(err).replace(/; nothing was cached$/, '');
    // the registry's sentences name the repository; the user's REF goes in front so it is always named
    const message = why.includes(options.from)
      ? why
      : `cannot update the advisory DB from ${options.from}: ${why}`;
    const known = err instanceof CleanroomError ? err : undefined;
    throw new InputError(`${message.replace(/\.$/, '')}; ${options.db} was left as it was`, {
      cause: err,
      ...(known ? { code: known.code, retryable: known.retryable } : {}),
    });
  }
}

async function pull(options: PullOptions): Promise<PullResult> {
  const ref = parseReference(options.from);
  const client = new RegistryClient(ref, options);
  const manifest = await client.manifest(ref.digest ?? ref.tag ?? 'latest');
  const { layer, annotations } = parseArtifactManifest(manifest.bytes, options.from);
  const postgres = isPostgresUrl(options.db);
  // beside the target, so the final rename never crosses file systems
  const parent = postgres ? tmpdir() : dirname(options.db);
  await mkdir(parent, { recursive: true });
  const work = await mkdtemp(join(parent, `.${postgres ? 'advisory.db' : basename(options.db)}.pull-`));
  try {
    const res = await client.blob(layer.digest);
    const blobs = new BlobCache(work);
    await blobs.store(layer.digest, Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), {
      size: layer.size,
      what: `the DB blob ${layer.digest}`,
      idleMs: 60_000,
    });
    if (postgres) {
      const { importAdvisoryDb } = await import('../transfer.js');
      const meta = await importAdvisoryDb(blobs.path(layer.digest), options.db);
      return { digest: manifest.digest, ...meta, bytes: layer.size };
    }
    const temp = join(work, 'advisory.db');
    const plain = meter();
    await pipeline(
      createReadStream(blobs.path(layer.digest)),
      createGunzip(),
      plain.stream,
      createWriteStream(temp),
    ).catch((err: unknown) => {
      throw new InputError(`the DB blob ${layer.digest} is not a readable gzip file (${errorMessage(err)})`);
    });
    const stated = { digest: annotations[ANNOTATION.dbDigest], size: annotations[ANNOTATION.dbSize] };
    const got = plain.result();
    if ((stated.digest && stated.digest !== got.digest) || (stated.size && Number(stated.size) !== got.size))
      throw new InputError(
        `the DB inside does not match the digest its manifest states (${stated.digest}, got ${got.digest})`,
      );
    const meta = await checkPulledDb(temp, options.from);
    await rename(temp, options.db);
    return { digest: manifest.digest, ...meta, bytes: layer.size };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
