import { errorMessage, type Warning } from '../errors.js';
import type { FileView } from '../image/file-view.js';
import type { Keep } from '../image/types.js';
import { DISTRO_FILES, identifyDistro } from './distro/identify.js';
import { attributeLayers } from './layer-attribution.js';
import { cataloguers as registry } from './registry.js';
import type { CatalogContext, Cataloguer, Inventory, Package, TargetInfo } from './types.js';

const distroFiles = new Set<string>(DISTRO_FILES);

/**
 * What the image reader must keep of a file for the catalog: all of a distro file, of any
 * cataloguer's database and of a file a cataloguer reads beside it; of a file a cataloguer
 * inspects (an executable), the part its `reduce` returns. Give this to `readImage` as `wants`.
 */
export function wantsAny(
  path: string,
  mode = 0,
  size = 0,
  cataloguers: ReadonlyMap<string, Cataloguer> = registry,
): Keep {
  if (distroFiles.has(path)) return true;
  const inspecting: Cataloguer[] = [];
  for (const c of cataloguers.values()) {
    if (c.wants(path) || c.retains?.(path)) return true;
    if (c.inspects?.(path, mode, size)) inspecting.push(c);
  }
  if (inspecting.length === 0) return false;
  if (inspecting.some((c) => !c.reduce)) return true;
  // the first inspecting cataloguer that finds its part keeps it
  return (content) => {
    for (const c of inspecting) {
      const part = c.reduce!(content);
      if (part) return part;
    }
    return undefined;
  };
}

/**
 * Turns a file view into the image's inventory: identifies the distro, walks the view once offering
 * each regular file to the cataloguers that want it, credits every package to the layer that
 * introduced it, and sorts packages by type, name and version. Per-file problems become warnings.
 */
export async function catalogView(
  view: FileView,
  target: TargetInfo,
  cataloguers: ReadonlyMap<string, Cataloguer> = registry,
): Promise<Inventory> {
  const distro = await identifyDistro(view);
  const ctx: CatalogContext = { distro, view };
  const packages: Package[] = [];
  const warnings: Warning[] = [];
  for await (const info of view.walk()) {
    if (info.type !== 'file') continue;
    const wanting = [...cataloguers.values()].filter(
      (c) => c.wants(info.path) || c.inspects?.(info.path, info.mode, info.size),
    );
    if (wanting.length === 0) continue;
    let content: Buffer;
    try {
      content = await view.readFile(info.path);
    } catch (err) {
      warnings.push({ source: info.path, message: `cannot be read: ${errorMessage(err)}` });
      continue;
    }
    for (const cataloguer of wanting) {
      try {
        const result = await cataloguer.parse(info.path, content, ctx);
        warnings.push(...result.warnings);
        if (result.packages.length === 0) continue;
        const history = await view.history(info.path);
        packages.push(...(await attributeLayers(result.packages, info.path, history, cataloguer, ctx)));
      } catch (err) {
        warnings.push({
          source: info.path,
          message: `the ${cataloguer.name} cataloguer failed: ${errorMessage(err)}`,
        });
      }
    }
  }
  return {
    target,
    ...(distro ? { distro } : {}),
    packages: sortPackages(mergeDuplicates(packages)),
    warnings,
  };
}

/**
 * One package read from two databases of the same kind (an rpm `Packages` left beside the
 * `rpmdb.sqlite` that replaced it; dpkg `status` plus `status.d/`) is one package: same purl, its
 * locations merged, the first layer kept.
 */
function mergeDuplicates(packages: Package[]): Package[] {
  const byPurl = new Map<string, Package>();
  for (const pkg of packages) {
    const seen = byPurl.get(pkg.purl);
    if (!seen) byPurl.set(pkg.purl, pkg);
    else byPurl.set(pkg.purl, { ...seen, locations: [...new Set([...seen.locations, ...pkg.locations])] });
  }
  return [...byPurl.values()];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts packages by type, name, version, then first location; stable and locale-independent. */
export function sortPackages(packages: Package[]): Package[] {
  return [...packages].sort(
    (a, b) =>
      compare(a.type, b.type) ||
      compare(a.name, b.name) ||
      compare(a.version, b.version) ||
      compare(a.locations[0] ?? '', b.locations[0] ?? ''),
  );
}
