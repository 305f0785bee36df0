import type { FileVersion } from '../image/file-view.js';
import type { CatalogContext, Cataloguer, Package } from './types.js';

const keyOf = (p: Pick<Package, 'name' | 'version'>) => `${p.name}\0${p.version}`;

/**
 * Sets each package's `layer` to the layer that introduced it: of the versions of its database
 * file (oldest first, as `FileView.history` gives them), the earliest from which the package (same
 * name and version) is present in every later version. A package that was removed and installed
 * again is credited to the layer that re-installed it; an upgrade counts as a new package. For a
 * file-per-package database this is the layer that wrote the file in its present form.
 */
export async function attributeLayers(
  packages: Package[],
  path: string,
  history: FileVersion[],
  cataloguer: Cataloguer,
  ctx: CatalogContext,
): Promise<Package[]> {
  if (history.length === 0) return packages;
  // the last version is the one already parsed; parse the older ones once each, newest first
  const older: Set<string>[] = [];
  const needed = new Set(packages.map(keyOf));
  for (let i = history.length - 2; i >= 0 && needed.size > 0; i--) {
    const { packages: then } = await cataloguer.parse(path, history[i]!.content, ctx);
    const keys = new Set(then.map(keyOf));
    older[i] = keys;
    // once a package is missing from a version, older versions cannot change its answer
    for (const key of needed) if (!keys.has(key)) needed.delete(key);
  }
  return packages.map((pkg) => {
    const key = keyOf(pkg);
    let first = history.length - 1;
    while (first > 0 && older[first - 1]?.has(key)) first--;
    const layer = history[first]!.layer;
    return layer ? { ...pkg, layer } : pkg;
  });
}
