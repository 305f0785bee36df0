/**
 * `db update --from REF`: pulls the advisory DB artifact that `db push` wrote and swaps it in.
 * Every byte is verified before it can reach the target: the manifest against its digest, the
 * blob against its descriptor's sha256 and size (while streaming, into a temp folder beside the
 * target), the SQLite file against the digest the manifest states, then the DB's own schema.
 * Only a rename makes it live, so a refused artifact leaves the old DB byte for byte as it was.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
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
import { sha256File } from './already-pushed.js';
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
  /** the target already was this DB: nothing was downloaded */
  unchanged?: boolean;
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
  // a daily job pulls the same DB most days: the digest the manifest states says so without a download
  const stated = annotations[ANNOTATION.dbDigest];
  if (!postgres && stated && existsSync(options.db) && (await sha256File(options.db)) === stated) {
    const builtAt = annotations[ANNOTATION.created] ?? '';
    const schemaVersion = Number(annotations[ANNOTATION.schemaVersion]);
    return { digest: manifest.digest, builtAt, schemaVersion, bytes: 0, unchanged: true };
  }
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
    const got = plain.result();
    const statedSize = annotations[ANNOTATION.dbSize];
    if ((stated && stated !== got.digest) || (statedSize && Number(statedSize) !== got.size))
      throw new InputError(
        `the DB inside does not match the digest its manifest states (${stated}, got ${got.digest})`,
      );
    const meta = await checkPulledDb(temp, options.from);
    await rename(temp, options.db);
    return { digest: manifest.digest, ...meta, bytes: layer.size };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
