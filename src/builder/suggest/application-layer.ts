/** The application layer of the suggestion: the unowned files as they are, owned by root. */
import type { FileView } from '../../image/file-view.js';
import type { TarEntry } from '../tar-write.js';
import type { Analysis } from './analysis-types.js';

/** The layer's entries (files, links and their parent folders, sorted) and the files' bytes. */
export async function applicationLayer(
  view: FileView,
  a: Analysis,
): Promise<{ entries: TarEntry[]; bytes: number }> {
  const entries: TarEntry[] = [];
  const dirs = new Set<string>();
  let bytes = 0;
  for (const f of a.appFiles) {
    const path = f.path.replace(/^\/+/, '');
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    if (f.type === 'symlink')
      entries.push({ path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, linkname: f.linkTarget ?? '' });
    else {
      const data = await view.readFile(f.path);
      bytes += data.length;
      entries.push({ path, type: 'file', mode: f.mode & 0o7777 || 0o644, uid: 0, gid: 0, data });
    }
  }
  for (const d of dirs) entries.push({ path: d, type: 'directory', mode: 0o755, uid: 0, gid: 0 });
  entries.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  return { entries, bytes };
}
