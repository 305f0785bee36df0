/**
 * `db push REF`: publishes a built advisory DB to an OCI registry as an artifact, so other
 * machines pull one verified file instead of downloading and building every feed. The manifest
 * depends only on the DB's bytes and metadata: pushing the same DB twice changes nothing.
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { InputError } from '../../../errors.js';
import type { ClientOptions } from '../../../image/registry/client.js';
import { formatReference, parseReference } from '../../../image/registry/reference.js';
import { RegistryUploader } from '../../../image/registry/upload.js';
import { isPostgresUrl } from '../../../store/connect.js';
import { openAdvisoryDb } from '../reader.js';
import {
  ANNOTATION,
  EMPTY_CONFIG,
  LAYER_MEDIA_TYPE,
  OCI_MANIFEST,
  artifactManifest,
} from './artifact-manifest.js';
import { alreadyPushed, sha256File } from './already-pushed.js';
import { gzipDb } from './gzip-db.js';

export interface PushOptions extends ClientOptions {
  /** the DB file (or postgres:// URL, exported to a temp file first) */
  db: string;
  /** where to push: `host/repo:tag` */
  ref: string;
}

export interface PushResult {
  /** `host/repo:tag@sha256:…` */
  pushed: string;
  digest: string;
  blobSize: number;
  dbSize: number;
  /** false when the registry already held the DB blob */
  uploaded: boolean;
}

/** Gzips the DB, uploads blob and empty config (skipping those present), then PUTs the manifest. */
export async function pushAdvisoryDb(options: PushOptions): Promise<PushResult> {
  const ref = parseReference(options.ref);
  if (ref.digest) throw new InputError(`cannot push to ${options.ref}: name a tag, not a digest`);
  const tag = ref.tag ?? 'latest';
  const work = await mkdtemp(join(tmpdir(), 'cleanroom-db-push-'));
  try {
    let file = options.db;
    if (isPostgresUrl(file)) {
      file = join(work, 'advisory.db');
      await (await import('../transfer.js')).exportAdvisoryDb(options.db, file);
    } else if (!existsSync(file)) throw new InputError(`no advisory DB at ${file} to push`);
    const client = new RegistryUploader(ref, options);
    const same = await alreadyPushed(client, tag, await sha256File(file));
    if (same) return { pushed: `${formatReference(ref)}@${same.digest}`, ...same, uploaded: false };
    const reader = await openAdvisoryDb(file);
    const meta = await reader.meta().finally(() => reader.close());
    const blobPath = join(work, 'advisory.db.gz');
    const { db, blob } = await gzipDb(file, blobPath);
    const annotations = {
      [ANNOTATION.created]: meta.builtAt,
      [ANNOTATION.title]: 'cleanroom advisory DB',
      [ANNOTATION.schemaVersion]: String(meta.schemaVersion),
      [ANNOTATION.feeds]: JSON.stringify(Object.fromEntries(meta.feeds.map((f) => [f.name, f.version]))),
      [ANNOTATION.dbDigest]: db.digest,
      [ANNOTATION.dbSize]: String(db.size),
    };
    const layer = {
      mediaType: LAYER_MEDIA_TYPE,
      digest: blob.digest,
      size: blob.size,
      annotations: { [ANNOTATION.title]: 'advisory.db.gz' },
    };
    const config = Buffer.from('{}');
    await client.pushBlob({
      digest: EMPTY_CONFIG.digest,
      size: EMPTY_CONFIG.size,
      open: () => Readable.from([config]),
    });
    const uploaded = await client.pushBlob({ ...blob, open: () => createReadStream(blobPath) });
    const digest = await client.putManifest(tag, artifactManifest(layer, annotations), OCI_MANIFEST);
    return {
      pushed: `${formatReference(ref)}@${digest}`,
      digest,
      blobSize: blob.size,
      dbSize: db.size,
      uploaded,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
