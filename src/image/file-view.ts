/**
 * The read-only file view of DESIGN.md convention 4: a folder, one layer, or the squashed image all
 * answer the same questions. Paths are absolute inside the image root (`/etc/os-release`); symlinks
 * are resolved inside the root only, as a chroot would.
 */

export type FileType = 'file' | 'dir' | 'symlink' | 'other';

export interface FileInfo {
  /** absolute path inside the image, normalised: `/usr/lib/os-release` */
  path: string;
  type: FileType;
  size: number;
  mode: number;
  /** for symlinks: the target as written in the link */
  linkTarget?: string;
  /** the diff id of the layer that last wrote this path (absent for a plain folder) */
  layer?: string;
}

/** One version of a retained file: the layer that wrote it and its bytes. */
export interface FileVersion {
  layer: string;
  content: Buffer;
}

export interface FileView {
  /** stat without following a final symlink; undefined when absent */
  lstat(path: string): Promise<FileInfo | undefined>;
  /** stat following symlinks inside the root; undefined when absent or dangling */
  stat(path: string): Promise<FileInfo | undefined>;
  /** the bytes of a file, following symlinks inside the root; throws when absent or not retained */
  readFile(path: string): Promise<Buffer>;
  /** names (not paths) of the entries of a folder, sorted; [] when absent */
  readDir(path: string): Promise<string[]>;
  readlink(path: string): Promise<string | undefined>;
  /** every entry of the view, in path order (no symlink following) */
  walk(): AsyncIterable<FileInfo>;
  /**
   * Every version of a retained file across the layers, oldest first (one entry for a folder view).
   * The catalog uses it to find the layer that introduced a package.
   */
  history(path: string): Promise<FileVersion[]>;
}
