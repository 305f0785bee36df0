/**
 * The squashed image as an in-memory tree of entries (metadata only, plus the content of the few
 * wanted files). Layers are applied in order, each entry as it streams past: a later layer's entry
 * replaces the lower one, `.wh.NAME` deletes NAME and everything below it from lower layers, and
 * `.wh..wh..opq` empties a folder of lower layers' content (image-spec layer.md, "Whiteouts").
 * Every node remembers the last layer that touched it or anything below it, so that whiteouts and
 * opaque folders, which may come before or after the layer's own entries in the tar, only ever
 * remove what lower layers wrote.
 */
import type { FileType } from '../file-view.js';
import { splitPath } from '../path/normalize-entry.js';

export interface TreeNode {
  type: FileType;
  size: number;
  mode: number;
  linkTarget?: string;
  /** index of the layer that last wrote this entry; -1 for the root */
  layer: number;
  /** highest layer index that wrote this entry or anything below it */
  touched: number;
  children?: Map<string, TreeNode>;
  /** retained bytes, only for wanted paths */
  content?: Buffer;
}

export interface EntryMeta {
  type: FileType;
  size: number;
  mode: number;
  linkTarget?: string;
}

/** A fresh tree holding only the root folder. */
export function createTree(): TreeNode {
  return { type: 'dir', size: 0, mode: 0o755, layer: -1, touched: -1, children: new Map() };
}

/** The node at an absolute path without following symlinks; undefined when absent. */
export function findNode(root: TreeNode, path: string): TreeNode | undefined {
  let node: TreeNode | undefined = root;
  for (const part of splitPath(path)) {
    node = node.children?.get(part);
    if (node === undefined) return undefined;
  }
  return node;
}

/** The parent folder of `parts`, creating missing (or replacing non-folder) ancestors in `layer`. */
function ensureParent(root: TreeNode, parts: string[], layer: number): TreeNode {
  let node = root;
  node.touched = layer;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    let child = node.children?.get(part);
    if (child === undefined || child.children === undefined) {
      child = { type: 'dir', size: 0, mode: 0o755, layer, touched: layer, children: new Map() };
      node.children?.set(part, child);
    }
    child.touched = layer;
    node = child;
  }
  return node;
}

/** Writes one entry of layer `layer` at `path` and returns its node. */
export function putEntry(root: TreeNode, path: string, meta: EntryMeta, layer: number): TreeNode {
  const parts = splitPath(path);
  if (parts.length === 0) {
    root.mode = meta.mode;
    return root;
  }
  const parent = ensureParent(root, parts, layer);
  const name = parts[parts.length - 1] as string;
  const old = parent.children?.get(name);
  if (meta.type === 'dir' && old?.children !== undefined) {
    // A folder entry over a folder merges with it, as overlayfs does.
    old.mode = meta.mode;
    old.layer = layer;
    old.touched = layer;
    return old;
  }
  const node: TreeNode = { ...meta, layer, touched: layer };
  if (meta.type === 'dir') node.children = new Map();
  parent.children?.set(name, node);
  return node;
}

/** Removes what lower layers wrote below `node`, keeping what layer `layer` wrote. */
function pruneLower(node: TreeNode, layer: number): void {
  if (node.children === undefined) return;
  for (const [name, child] of node.children) {
    if (child.touched < layer) node.children.delete(name);
    else {
      if (child.layer < layer) child.layer = layer;
      pruneLower(child, layer);
    }
  }
}

/** Applies `.wh.NAME` of layer `layer`: deletes `path` (and below) as lower layers wrote it. */
export function applyWhiteout(root: TreeNode, path: string, layer: number): void {
  const parts = splitPath(path);
  const name = parts.pop();
  if (name === undefined) return;
  const parent = findNode(root, '/' + parts.join('/'));
  const victim = parent?.children?.get(name);
  if (parent === undefined || victim === undefined) return;
  if (victim.touched < layer) parent.children?.delete(name);
  else pruneLower(victim, layer);
}

/** Applies `.wh..wh..opq` of layer `layer` in folder `dir`: hides lower layers' content there. */
export function applyOpaque(root: TreeNode, dir: string, layer: number): void {
  const parts = splitPath(dir);
  const node = parts.length === 0 ? root : ensureParent(root, [...parts, ''], layer);
  pruneLower(node, layer);
}
