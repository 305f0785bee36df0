/**
 * The FileView of a squashed image (or of a single layer): answers from the in-memory tree built
 * by the layer reader. Content is there only for the paths the reader was asked to keep.
 */
import type { FileInfo, FileVersion, FileView } from '../file-view.js';
import { joinPath } from '../path/normalize-entry.js';
import { resolveInRoot, resolveOrUndefined, type LinkInfo } from '../path/resolve-in-root.js';
import { findNode, type TreeNode } from '../reader/squash-tree.js';

/** A read-only view over a squashed tree; `diffIds[i]` names layer i. */
export class SquashedView implements FileView {
  constructor(
    private readonly tree: TreeNode,
    private readonly diffIds: readonly string[],
    private readonly versions: ReadonlyMap<string, FileVersion[]>,
  ) {}

  private info(path: string, node: TreeNode): FileInfo {
    const info: FileInfo = { path, type: node.type, size: node.size, mode: node.mode };
    if (node.linkTarget !== undefined) info.linkTarget = node.linkTarget;
    const layer = this.diffIds[node.layer];
    if (layer !== undefined) info.layer = layer;
    return info;
  }

  private readonly lookup = (path: string): LinkInfo | undefined => findNode(this.tree, path);

  /** The real path of `path` (its last component kept as is unless `followFinal`); undefined in a loop. */
  realpath(path: string, followFinal = true): Promise<string | undefined> {
    return resolveOrUndefined(path, this.lookup, followFinal);
  }

  async lstat(path: string): Promise<FileInfo | undefined> {
    const real = await this.realpath(path, false);
    const node = real === undefined ? undefined : findNode(this.tree, real);
    return real === undefined || node === undefined ? undefined : this.info(real, node);
  }

  async stat(path: string): Promise<FileInfo | undefined> {
    const real = await this.realpath(path, true);
    const node = real === undefined ? undefined : findNode(this.tree, real);
    return real === undefined || node === undefined ? undefined : this.info(real, node);
  }

  async readFile(path: string): Promise<Buffer> {
    const real = await resolveInRoot(path, this.lookup, true); // a loop throws, with its reason
    const node = real === undefined ? undefined : findNode(this.tree, real);
    if (node === undefined) throw new Error(`${path} does not exist in the image`);
    if (node.type !== 'file') throw new Error(`${path} is not a regular file`);
    if (node.content === undefined) throw new Error(`${path} was not retained by the reader (not wanted)`);
    return node.content;
  }

  async readDir(path: string): Promise<string[]> {
    const real = await this.realpath(path, true);
    const node = real === undefined ? undefined : findNode(this.tree, real);
    return node?.children === undefined ? [] : [...node.children.keys()].sort();
  }

  async readlink(path: string): Promise<string | undefined> {
    return (await this.lstat(path))?.linkTarget;
  }

  async *walk(): AsyncIterable<FileInfo> {
    yield* this.walkSync('/', this.tree);
  }

  private *walkSync(path: string, node: TreeNode): Generator<FileInfo> {
    if (path !== '/') yield this.info(path, node);
    if (node.children === undefined) return;
    for (const name of [...node.children.keys()].sort()) {
      yield* this.walkSync(joinPath(path, name), node.children.get(name) as TreeNode);
    }
  }

  async history(path: string): Promise<FileVersion[]> {
    const real = (await this.realpath(path, true).catch(() => undefined)) ?? path;
    return [...(this.versions.get(real) ?? this.versions.get(path) ?? [])];
  }
}
