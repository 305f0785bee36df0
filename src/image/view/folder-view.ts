/**
 * The FileView of a real root folder (an unpacked image, a mounted rootfs). Every path is resolved
 * component by component with lstat and our own chroot-style symlink resolution, so a link in the
 * folder can never make us read a host file outside it.
 */
import { lstat as fsLstat, readdir, readFile, readlink as fsReadlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stats } from 'node:fs';
import type { FileInfo, FileType, FileVersion, FileView } from '../file-view.js';
import { joinPath } from '../path/normalize-entry.js';
import { resolveInRoot, resolveOrUndefined, type LinkInfo } from '../path/resolve-in-root.js';

function typeOf(stats: Stats): FileType {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'dir';
  if (stats.isSymbolicLink()) return 'symlink';
  return 'other';
}

/** A read-only view of the folder `root` as if it were an image root. */
export class FolderView implements FileView {
  constructor(private readonly root: string) {}

  /** lstat of an already resolved path (no symlink in any but the last component). */
  private async rawInfo(real: string): Promise<FileInfo | undefined> {
    const host = join(this.root, real);
    const stats = await fsLstat(host).catch(() => undefined);
    if (stats === undefined) return undefined;
    const info: FileInfo = {
      path: real,
      type: typeOf(stats),
      size: stats.isFile() ? stats.size : 0,
      mode: stats.mode & 0o7777,
    };
    if (info.type === 'symlink') info.linkTarget = await fsReadlink(host, 'utf8');
    return info;
  }

  private readonly lookup = (path: string): Promise<LinkInfo | undefined> => this.rawInfo(path);

  async lstat(path: string): Promise<FileInfo | undefined> {
    const real = await resolveOrUndefined(path, this.lookup, false);
    return real === undefined ? undefined : this.rawInfo(real);
  }

  async stat(path: string): Promise<FileInfo | undefined> {
    const real = await resolveOrUndefined(path, this.lookup, true);
    return real === undefined ? undefined : this.rawInfo(real);
  }

  async readFile(path: string): Promise<Buffer> {
    const real = await resolveInRoot(path, this.lookup, true); // a loop throws, with its reason
    const info = real === undefined ? undefined : await this.rawInfo(real);
    if (info === undefined) throw new Error(`${path} does not exist in ${this.root}`);
    if (info.type !== 'file') throw new Error(`${path} is not a regular file in ${this.root}`);
    return readFile(join(this.root, info.path));
  }

  async readDir(path: string): Promise<string[]> {
    const info = await this.stat(path);
    if (info?.type !== 'dir') return [];
    return (await readdir(join(this.root, info.path))).sort();
  }

  async readlink(path: string): Promise<string | undefined> {
    return (await this.lstat(path))?.linkTarget;
  }

  async *walk(): AsyncIterable<FileInfo> {
    yield* this.walkFrom('/');
  }

  private async *walkFrom(dir: string): AsyncGenerator<FileInfo> {
    const names = (await readdir(join(this.root, dir)).catch(() => [] as string[])).sort();
    for (const name of names) {
      const info = await this.rawInfo(joinPath(dir, name));
      if (info === undefined) continue;
      yield info;
      if (info.type === 'dir') yield* this.walkFrom(info.path);
    }
  }

  async history(path: string): Promise<FileVersion[]> {
    const info = await this.stat(path);
    if (info?.type !== 'file') return [];
    return [{ layer: '', content: await readFile(join(this.root, info.path)) }];
  }
}
