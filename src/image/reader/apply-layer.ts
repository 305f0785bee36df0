/**
 * Applies one layer's tar entries to the squashed tree as they stream past. Unwanted entries cost
 * one index node and are drained at once; only wanted files have their bytes kept, and every kept
 * version is recorded for `history()`.
 */
import { InputError, type Warning } from '../../errors.js';
import type { FileType, FileVersion } from '../file-view.js';
import type { Keep, KeepFile } from '../types.js';
import { normalizeEntryName, parentAndName } from '../path/normalize-entry.js';
import type { TarHeader, TarVisitor } from '../tar/tar-parser.js';
import {
  applyOpaque,
  applyWhiteout,
  findNode,
  putEntry,
  type EntryMeta,
  type TreeNode,
} from './squash-tree.js';

/** A file whose content is wanted but lives in another entry (a hard link's or symlink's target). */
export interface PendingContent {
  layer: number;
  path: string;
  node: TreeNode;
}

export interface ApplyState {
  tree: TreeNode;
  wants: KeepFile;
  diffIds: string[];
  versions: Map<string, FileVersion[]>;
  /** wanted paths that were written as symlinks: their targets are fetched after the squash */
  wantedLinks: Set<string>;
  pending: PendingContent[];
  /** for a single-layer view: hard links to lower layers become warnings, not errors */
  lenientLinks?: Warning[];
}

const WHITEOUT = '.wh.';
// what a file reduced to nothing keeps: one shared empty buffer
const NOTHING = Buffer.alloc(0);
const OPAQUE = '.wh..wh..opq';

function fileType(type: string | undefined): FileType | 'hardlink' | 'skip' {
  switch (type) {
    case 'file':
    case 'contiguous-file':
    case undefined:
      return 'file';
    case 'directory':
      return 'dir';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    case 'pax-global-header':
      return 'skip';
    default:
      return 'other';
  }
}

/** The normalised path of an entry name, or an InputError naming layer and entry. */
export function safeEntryPath(name: string, label: string): string {
  const result = normalizeEntryName(name);
  if ('path' in result) return result.path;
  const why = result.problem === 'absolute' ? 'an absolute path' : 'a path that climbs above the root';
  return failUnsafe(`${label} has an entry ${JSON.stringify(name)} with ${why}.`);
}

function failUnsafe(message: string): never {
  throw new InputError(message);
}

function recordVersion(state: ApplyState, path: string, layer: number, content: Buffer): void {
  const list = state.versions.get(path) ?? [];
  list.push({ layer: state.diffIds[layer] ?? '', content });
  state.versions.set(path, list);
}

/** Writes a hard link entry as a copy of its target's metadata (and content when kept). */
function putHardLink(state: ApplyState, path: string, header: TarHeader, layer: number, label: string): void {
  const target = safeEntryPath(header.linkname ?? '', label);
  const found = findNode(state.tree, target);
  if ((found === undefined || found.type === 'dir') && state.lenientLinks !== undefined) {
    state.lenientLinks.push({
      source: label,
      message: `hard link ${path} points to ${target}, which a lower layer holds`,
    });
    putEntry(state.tree, path, { type: 'file', size: 0, mode: header.mode ?? 0 }, layer);
    return;
  }
  if (found === undefined || found.type === 'dir') {
    throw new InputError(
      `${label} has a hard link ${JSON.stringify(header.name)} to ${JSON.stringify(header.linkname)}, which is not in this or a lower layer.`,
    );
  }
  const { content, layer: targetLayer } = found;
  const node = putEntry(
    state.tree,
    path,
    { type: found.type, size: found.size, mode: found.mode, linkTarget: found.linkTarget },
    layer,
  );
  const keep = state.wants(path, header.mode ?? 0, found.size);
  if (keep === false) return;
  if (content !== undefined) {
    node.content = content;
    recordVersion(state, path, layer, content);
  } else if (keep === true) state.pending.push({ layer: targetLayer, path: target, node });
  // a reduced file's target is reduced where it is itself inspected
}

/**
 * Applies one entry's metadata to the tree; for a file whose bytes are wanted, returns the node and
 * what to keep (the bytes go to `keepContent` once they have streamed past).
 */
function applyEntry(
  state: ApplyState,
  layer: number,
  label: string,
  header: TarHeader,
): { node: TreeNode; keep: Exclude<Keep, false> } | undefined {
  const path = safeEntryPath(header.name, label);
  const { parent, name } = parentAndName(path);
  const type = fileType(header.type);
  if (name.startsWith(WHITEOUT)) {
    if (name === OPAQUE) applyOpaque(state.tree, parent, layer);
    else if (!name.startsWith(WHITEOUT + WHITEOUT))
      applyWhiteout(state.tree, parent === '/' ? '/' + name.slice(4) : `${parent}/${name.slice(4)}`, layer);
    return undefined;
  }
  if (type === 'hardlink') {
    putHardLink(state, path, header, layer, label);
    return undefined;
  }
  if (type === 'skip') return undefined;
  const meta: EntryMeta = { type, size: type === 'file' ? header.size : 0, mode: header.mode };
  if (type === 'symlink') meta.linkTarget = header.linkname ?? '';
  const node = putEntry(state.tree, path, meta, layer);
  if (type === 'symlink' && state.wants(path, header.mode ?? 0, 0) === true) state.wantedLinks.add(path);
  if (type !== 'file') return undefined;
  const keep = state.wants(path, header.mode ?? 0, header.size);
  return keep === false ? undefined : { node, keep };
}

function keepContent(
  state: ApplyState,
  layer: number,
  label: string,
  header: TarHeader,
  node: TreeNode,
  content: Buffer,
) {
  node.content = content;
  recordVersion(state, safeEntryPath(header.name, label), layer, content);
}

/** The tar visitor that applies layer number `layer` to the state; it asks for wanted files only. */
export function applyLayerEntries(state: ApplyState, layer: number, label: string): TarVisitor {
  const kept = new Map<TarHeader, { node: TreeNode; keep: Exclude<Keep, false> }>();
  return {
    entry(header) {
      const applied = applyEntry(state, layer, label, header);
      if (applied === undefined) return false;
      kept.set(header, applied);
      return true;
    },
    content(header, whole) {
      const { node, keep } = kept.get(header)!;
      kept.delete(header);
      keepContent(state, layer, label, header, node, keep === true ? whole : (keep(whole) ?? NOTHING));
    },
  };
}

/**
 * A layer read ahead of its turn: its entries in tar order, each with the bytes it keeps (already
 * reduced). Layers are squashed in order, but their reading (decompression, hashing, tar parsing)
 * need not be: `recordLayerEntries` reads a later layer while an earlier one is applied, and
 * `replayLayer` applies it when its turn comes, exactly as `applyLayerEntries` would have.
 */
export interface RecordedLayer {
  entries: { header: TarHeader; content?: Buffer }[];
}

/**
 * The visitor that records a layer. What a file keeps depends only on its path, mode and size
 * (`wants`), never on the tree, so it can be decided before the lower layers are applied; hard
 * links, whose kept bytes come from their target, are resolved at replay.
 */
export function recordLayerEntries(wants: KeepFile, record: RecordedLayer, label: string): TarVisitor {
  const kept = new Map<TarHeader, { entry: RecordedLayer['entries'][number]; keep: Exclude<Keep, false> }>();
  return {
    entry(header) {
      const entry: RecordedLayer['entries'][number] = { header };
      record.entries.push(entry);
      if (fileType(header.type) !== 'file') return false;
      const path = safeEntryPath(header.name, label);
      if (parentAndName(path).name.startsWith(WHITEOUT)) return false;
      const keep = wants(path, header.mode ?? 0, header.size);
      if (keep === false) return false;
      kept.set(header, { entry, keep });
      return true;
    },
    content(header, whole) {
      const { entry, keep } = kept.get(header)!;
      kept.delete(header);
      entry.content = keep === true ? whole : (keep(whole) ?? NOTHING);
    },
  };
}

/** Applies a recorded layer to the state, in its tar order. */
export function replayLayer(state: ApplyState, layer: number, label: string, record: RecordedLayer): void {
  for (const { header, content } of record.entries) {
    const applied = applyEntry(state, layer, label, header);
    if (applied !== undefined && content !== undefined)
      keepContent(state, layer, label, header, applied.node, content);
  }
}
