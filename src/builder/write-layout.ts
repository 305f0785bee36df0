/**
 * Writes an OCI layout as a folder or as one tar (when the path ends in `.tar`), always to a temp
 * path beside the target first, renamed over it at the end: a failed build leaves nothing behind.
 * An existing target is replaced only when it is an OCI layout (or an empty folder, or a tar).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { writeTar, type TarEntry } from './tar-write.js';

/** Refuses (before any work) an output that exists and is not something a build may replace. */
export async function checkOutput(path: string): Promise<void> {
  const parent = await stat(dirname(path)).catch(() => undefined);
  if (!parent?.isDirectory()) throw new InputError(`cannot write ${path}: ${dirname(path)} is not a folder`);
  const existing = await stat(path).catch(() => undefined);
  if (!existing) return;
  if (path.endsWith('.tar') ? existing.isFile() : existing.isDirectory()) {
    if (existing.isFile()) return;
    const names = await readdir(path);
    if (names.length === 0 || names.includes('oci-layout')) return;
  }
  throw new InputError(`${path} exists and is not an OCI layout cleanroom may replace`);
}

/** A temp path beside `path`, for writing before the rename. */
export function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes the layout files to a temp path (folder or tar as `path` asks); returns the temp path. */
export async function writeLayoutTemp(
  path: string,
  files: ReadonlyMap<string, Buffer>,
  mtime: number,
): Promise<string> {
  const temp = tempBeside(path);
  try {
    if (path.endsWith('.tar')) {
      const dir = (path: string): TarEntry => ({ path, type: 'directory', mode: 0o755, uid: 0, gid: 0 });
      const entries: TarEntry[] = [
        dir('blobs'),
        dir('blobs/sha256'),
        ...[...files].map(([name, data]): TarEntry => ({
          path: name,
          type: 'file',
          mode: 0o644,
          uid: 0,
          gid: 0,
          data,
        })),
      ].sort((a, b) => (a.path < b.path ? -1 : 1));
      await writeFile(temp, writeTar(entries, mtime));
    } else {
      await mkdir(join(temp, 'blobs', 'sha256'), { recursive: true });
      for (const [name, data] of files) await writeFile(join(temp, name), data);
    }
    return temp;
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw new InputError(`cannot write ${path}: ${(err as Error).message}`);
  }
}

/** Moves a finished temp output over the target (removing the layout it replaces). */
export async function commitOutput(temp: string, path: string): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) await rm(path, { recursive: true, force: true });
  await rename(temp, path);
}
