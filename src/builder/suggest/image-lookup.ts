/**
 * Path questions every analysis step asks of the image: which package owns a path (under its
 * symlinks and merged-/usr alias too), where a link leads, and where a command is found on the
 * image's PATH.
 */
import { posix } from 'node:path';
import type { FileInfo, FileView } from '../../image/file-view.js';
import { resolveInRoot } from '../../image/path/resolve-in-root.js';
import { usrAlias, type Owners } from './owners.js';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Splits a config's env list into a record (later entries win, as a runtime applies them). */
export function envRecord(env: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of env) {
    const at = e.indexOf('=');
    if (at > 0) out[e.slice(0, at)] = e.slice(at + 1);
  }
  return out;
}

/** The image's answers to path questions. */
export interface ImageLookup {
  view: FileView;
  lstat(path: string): Promise<FileInfo | undefined>;
  /** the path with every symlink followed (the path itself when it cannot be resolved) */
  real(path: string): Promise<string>;
  /** the package that owns the path, its canonical parent or its target, if any */
  ownerOf(path: string): Promise<string | undefined>;
  isFile(path: string): Promise<boolean>;
  /** a command as the image's PATH finds it (a name with a slash is taken as a path) */
  command(name: string): Promise<string | undefined>;
}

/** The lookups of one image, with its owners and environment. */
export function imageLookup(view: FileView, owners: Owners, env: Record<string, string>): ImageLookup {
  const lstat = (p: string) => view.lstat(p);
  const real = async (p: string) => (await resolveInRoot(p, lstat, true).catch(() => undefined)) ?? p;
  const ownerOf = async (p: string): Promise<string | undefined> => {
    const canonical = (await resolveInRoot(p, lstat, false).catch(() => undefined)) ?? p;
    for (const candidate of [p, canonical, await real(p)]) {
      const found = owners.owner(candidate) ?? owners.owner(usrAlias(candidate) ?? '');
      if (found) return found;
    }
    return undefined;
  };
  const isFile = async (p: string) => (await view.stat(p))?.type === 'file';
  const pathDirs = (env.PATH ?? DEFAULT_PATH).split(':').filter(Boolean);
  const command = async (name: string) => {
    if (name.includes('/')) return (await isFile(name)) ? posix.normalize(name) : undefined;
    for (const dir of pathDirs) if (await isFile(`${dir}/${name}`)) return `${dir}/${name}`;
    return undefined;
  };
  return { view, lstat, real, ownerOf, isFile, command };
}
