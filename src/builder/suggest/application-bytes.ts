/**
 * The bytes of the application's files, read after the first pass (which kept only the dpkg
 * database): each from the one layer that last wrote it (usually the small top layers, not the
 * distribution's), else, when a path does not come out of its layer as it squashed (a symlinked
 * parent), from a second full read.
 */
import type { FileView } from '../../image/file-view.js';
import { readImage, readLayer, resolveInRoot } from '../../image/index.js';
import type { OpenedSource } from '../../image/types.js';
import { isApplicationPath } from './application-files.js';
import { wantedAlways } from './dpkg-owners.js';
import type { Owners } from './owners.js';

/** The first read's view with the bytes of the application's files. */
export async function withApplicationBytes(
  opened: OpenedSource,
  view: FileView,
  owners: Owners,
): Promise<FileView> {
  if (opened.kind !== 'image') return view; // a folder view reads any file from disk
  const byLayer = new Map<string, Set<string>>();
  for await (const info of view.walk()) {
    if (info.type !== 'file' || !info.layer || !isApplicationPath(info.path) || owners.owner(info.path))
      continue;
    const paths = byLayer.get(info.layer) ?? new Set<string>();
    byLayer.set(info.layer, paths.add(info.path));
  }
  const bytes = new Map<string, Buffer>();
  let complete = true;
  for (const [diffId, paths] of byLayer) {
    const index = opened.layers.map((l) => l.diffId).lastIndexOf(diffId);
    const { view: layer } = await readLayer(opened, index, (path) => paths.has(path));
    for (const path of paths) {
      const data = await layer.readFile(path).catch(() => undefined);
      if (data) bytes.set(path, data);
      else complete = false;
    }
  }
  if (!complete)
    return (
      await readImage(
        opened,
        (path) => wantedAlways(path) || (isApplicationPath(path) && !owners.owner(path)),
      )
    ).view;
  const real = async (path: string) =>
    (await resolveInRoot(path, (p) => view.lstat(p), true).catch(() => undefined)) ?? path;
  return {
    lstat: (path) => view.lstat(path),
    stat: (path) => view.stat(path),
    readDir: (path) => view.readDir(path),
    readlink: (path) => view.readlink(path),
    walk: () => view.walk(),
    history: (path) => view.history(path),
    async readFile(path) {
      return bytes.get(path) ?? bytes.get(await real(path)) ?? view.readFile(path);
    },
  };
}
