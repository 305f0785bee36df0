/**
 * The decompressed control and data tars of verified `.deb` files, kept in the download cache so a
 * warm build does not run xz again (it was a quarter of a warm build's CPU time). A small record
 * under `deb/SHA256.json`, named by the SHA256 the signed Packages index gives the `.deb`, points
 * to the two tars by their own SHA256; they are written only from a `.deb` that matched its hash,
 * and are hashed again when read back, like every file of the cache.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ArMember } from './ar-archive.js';
import type { DebMembers } from './deb-package.js';
import { readCached, sha256Hex, storeCached } from './download-cache.js';

const recordSchema = z.strictObject({
  builtAt: z.number().int(),
  control: z.strictObject({ name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  data: z.strictObject({ name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
});

/** A `.deb` as its decompressed tars, with the member names and build time `debPackage` needs. */
export interface UnpackedDeb {
  members: DebMembers;
  controlTar: Buffer;
  dataTar: Buffer;
}

const recordPath = (dir: string, debSha256: string) => join(dir, 'deb', `${debSha256}.json`);
const nameOnly = (name: string): ArMember => ({ name, mtime: 0, data: Buffer.alloc(0) });

/** The unpacked tars of a `.deb` by its SHA256; undefined when not cached (or damaged). */
export async function readUnpacked(
  dir: string,
  debSha256: string,
  label: string,
): Promise<UnpackedDeb | undefined> {
  const text = await readFile(recordPath(dir, debSha256), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  let parsed;
  try {
    parsed = recordSchema.safeParse(JSON.parse(text));
  } catch {
    return undefined;
  }
  if (!parsed.success) return undefined;
  const record = parsed.data;
  const [controlTar, dataTar] = await Promise.all([
    readCached(dir, record.control.sha256),
    readCached(dir, record.data.sha256),
  ]);
  if (!controlTar || !dataTar) return undefined;
  return {
    members: {
      label,
      control: nameOnly(record.control.name),
      data: nameOnly(record.data.name),
      builtAt: record.builtAt,
    },
    controlTar,
    dataTar,
  };
}

/** Remembers the unpacked tars of a `.deb` that matched `debSha256`. */
export async function storeUnpacked(dir: string, debSha256: string, unpacked: UnpackedDeb): Promise<void> {
  const control = { name: unpacked.members.control.name, sha256: sha256Hex(unpacked.controlTar) };
  const data = { name: unpacked.members.data.name, sha256: sha256Hex(unpacked.dataTar) };
  await storeCached(dir, control.sha256, unpacked.controlTar);
  await storeCached(dir, data.sha256, unpacked.dataTar);
  await mkdir(join(dir, 'deb'), { recursive: true });
  const temp = `${recordPath(dir, debSha256)}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, JSON.stringify({ builtAt: unpacked.members.builtAt, control, data }));
  await rename(temp, recordPath(dir, debSha256));
}
