/**
 * Pushing a DB the tag already holds is a no-op: hashing the SQLite file takes a fraction of a
 * second where gzipping it takes seconds (3.4 s for the 92 MB fixture DB), and the manifest says
 * which DB it carries. Anything else under the tag (another DB, not an artifact) is replaced.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { NotFoundError } from '../../../errors.js';
import type { RegistryUploader } from '../../../image/registry/upload.js';
import { ANNOTATION, parseArtifactManifest } from './artifact-manifest.js';

/** The sha256 digest of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

/** The tag's artifact when it already carries the DB of this digest and its blob is present. */
export async function alreadyPushed(
  client: RegistryUploader,
  tag: string,
  dbDigest: string,
): Promise<{ digest: string; blobSize: number; dbSize: number } | undefined> {
  const fetched = await client.manifest(tag).catch((err: unknown) => {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  });
  if (!fetched) return undefined;
  let contents;
  try {
    contents = parseArtifactManifest(fetched.bytes, tag);
  } catch {
    return undefined;
  }
  if (contents.annotations[ANNOTATION.dbDigest] !== dbDigest) return undefined;
  if (!(await client.hasBlob(contents.layer.digest))) return undefined;
  const dbSize = Number(contents.annotations[ANNOTATION.dbSize] ?? 0);
  return { digest: fetched.digest, blobSize: contents.layer.size, dbSize };
}
