/**
 * Tar entry names as layers write them (`./etc/os-release`, `usr/lib/`) turned into absolute,
 * normalised image paths. A name that is absolute or climbs above the root is refused: a layer
 * that tries it is either broken or hostile, and we never guess which (image-spec layer.md asks
 * for relative names). The one exception is the root folder itself written as `/`.
 */

/** Why a name was refused, for the caller to turn into a sentence naming layer and entry. */
export type EntryNameProblem = 'absolute' | 'escapes-root';

/** The normalised absolute path of a tar entry name, or the reason it is unsafe. */
export function normalizeEntryName(name: string): { path: string } | { problem: EntryNameProblem } {
  // umoci writes the root itself as `/`: harmless, it names nothing outside the root.
  if (/^\/+$/.test(name)) return { path: '/' };
  if (name.startsWith('/')) return { problem: 'absolute' };
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return { problem: 'escapes-root' };
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return { path: '/' + parts.join('/') };
}

/** The components of an absolute image path (`/a/b` → [a, b]); `.` dropped, `..` kept. */
export function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}

/** The parent folder and base name of a normalised absolute path. */
export function parentAndName(path: string): { parent: string; name: string } {
  const i = path.lastIndexOf('/');
  return { parent: i <= 0 ? '/' : path.slice(0, i), name: path.slice(i + 1) };
}

/** Joins a normalised folder path and a child name. */
export function joinPath(dir: string, name: string): string {
  return dir === '/' ? '/' + name : dir + '/' + name;
}
