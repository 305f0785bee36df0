/**
 * Expectations read straight from the fixture archives with GNU tar and sha256, independently of
 * the code under test: config bytes, diff ids, layer digests.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** The sha256 digest of everything a stream yields. */
export async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

/** The sha256 digest of a stream after gunzip: a layer's diff id. */
export function gunzippedSha256(stream: Readable): Promise<string> {
  return sha256Of(stream.pipe(createGunzip()));
}

/** One member of a tar file as a stream (`tar -xOf`). */
export function tarMember(tarPath: string, member: string): Readable {
  return spawn('tar', ['-xOf', tarPath, member], { stdio: ['ignore', 'pipe', 'inherit'] }).stdout;
}

/** One member of a tar file as bytes. */
export async function tarMemberBytes(tarPath: string, member: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of tarMember(tarPath, member)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
