import type { FileInfo, FileVersion, FileView } from '../../image/file-view.js';

/** One layer of an in-memory image: path → content (string or bytes), or null to delete it. */
export type MemoryLayer = { diffId: string; files: Record<string, string | Buffer | null> };

/**
 * A small in-memory FileView for the catalog's tests, so they need no image reader: layers are
 * applied in order, `null` deletes a path (a whiteout), and every retained version is kept for
 * `history`. Folders are implied by file paths; symlinks are not modelled.
 */
export function memoryView(layers: MemoryLayer[]): FileView {
  const versions = new Map<string, FileVersion[]>();
  for (const layer of layers) {
    for (const [path, content] of Object.entries(layer.files)) {
      if (content === null) versions.delete(path);
      else {
        const bytes = typeof content === 'string' ? Buffer.from(content) : content;
        versions.set(path, [...(versions.get(path) ?? []), { layer: layer.diffId, content: bytes }]);
      }
    }
  }
  const dirs = new Set<string>(['/']);
  for (const path of versions.keys()) {
    for (let i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) dirs.add(path.slice(0, i));
  }
  const info = (path: string): FileInfo | undefined => {
    const v = versions.get(path);
    if (v) return { path, type: 'file', size: v.at(-1)!.content.length, mode: 0o644, layer: v.at(-1)!.layer };
    return dirs.has(path) ? { path, type: 'dir', size: 0, mode: 0o755 } : undefined;
  };
  return {
    lstat: async (path) => info(path),
    stat: async (path) => info(path),
    readFile: async (path) => {
      const v = versions.get(path);
      if (!v) throw new Error(`${path}: no such file`);
      return v.at(-1)!.content;
    },
    readDir: async (path) => {
      const prefix = path.endsWith('/') ? path : `${path}/`;
      const names = new Set<string>();
      for (const p of [...versions.keys(), ...dirs]) {
        if (p.startsWith(prefix) && p !== prefix) names.add(p.slice(prefix.length).split('/')[0]!);
      }
      return [...names].sort();
    },
    readlink: async () => undefined,
    walk: async function* () {
      for (const path of [...versions.keys(), ...dirs].sort()) yield info(path)!;
    },
    history: async (path) => versions.get(path) ?? [],
  };
}
