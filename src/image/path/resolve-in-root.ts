/**
 * Symlink resolution with chroot semantics, shared by every file view: `..` at the root stays at
 * the root and an absolute link target starts again from the image root, so no link can reach a
 * host file. Loops are cut after 40 links, as Linux does (path_resolution(7): MAXSYMLINKS).
 */
import { splitPath } from './normalize-entry.js';

export const MAX_SYMLINK_HOPS = 40;

/** The minimum a view must answer about one path, without following a final symlink. */
export interface LinkInfo {
  type: 'file' | 'dir' | 'symlink' | 'other';
  linkTarget?: string;
}

export type Lstat = (path: string) => Promise<LinkInfo | undefined> | LinkInfo | undefined;

/** Raised when a path goes through more than 40 symlinks. */
export class SymlinkLoopError extends Error {
  constructor(path: string) {
    super(`${path} goes through more than ${MAX_SYMLINK_HOPS} symlinks (a loop?)`);
    this.name = 'SymlinkLoopError';
  }
}

/**
 * The real path inside the root of `path`, following symlinks in every component (and in the last
 * one when `followFinal`); undefined when a component is missing or not a folder.
 */
export async function resolveInRoot(
  path: string,
  lstat: Lstat,
  followFinal: boolean,
): Promise<string | undefined> {
  const queue = splitPath(path);
  const done: string[] = [];
  let hops = 0;
  while (queue.length > 0) {
    const part = queue.shift() as string;
    if (part === '..') {
      done.pop();
      continue;
    }
    const candidate = '/' + [...done, part].join('/');
    const info = await lstat(candidate);
    if (info === undefined) return undefined;
    const last = queue.length === 0;
    if (info.type === 'symlink' && (!last || followFinal)) {
      if (++hops > MAX_SYMLINK_HOPS) throw new SymlinkLoopError(path);
      const target = info.linkTarget ?? '';
      if (target.startsWith('/')) done.length = 0;
      queue.unshift(...splitPath(target));
      continue;
    }
    if (!last && info.type !== 'dir') return undefined;
    done.push(part);
  }
  return '/' + done.join('/');
}

/** Like resolveInRoot, but a loop is just "not there": what stat and readDir answer for it. */
export async function resolveOrUndefined(
  path: string,
  lstat: Lstat,
  followFinal: boolean,
): Promise<string | undefined> {
  try {
    return await resolveInRoot(path, lstat, followFinal);
  } catch (err) {
    if (err instanceof SymlinkLoopError) return undefined;
    throw err;
  }
}
