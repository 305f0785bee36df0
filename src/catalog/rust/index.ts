import { buildPurl } from '../purl.js';
import type { CatalogResult, Cataloguer, Package } from '../types.js';
import { auditDataBytes, inflateAuditData, readAuditData } from './audit-data.js';

const MIN_RUST_BINARY = 128 * 1024;

/**
 * The Rust cataloguer: the crates compiled into Rust binaries built with cargo-auditable, which
 * Wolfi, Chainguard, Alpine and Debian use for their Rust packages. No path names a Rust binary,
 * so it inspects every executable large enough to be one; the image reader keeps only the
 * compressed dependency list of each (a few kilobytes). A binary without one is not a Rust binary of ours and gives
 * nothing, silently; one whose list cannot be read gives a warning.
 */
export const rustCataloguer: Cataloguer = {
  name: 'rust',
  wants: () => false,
  // a Rust program linked with std is hundreds of kilobytes (a stripped hello world: 343 KB with
  // rustc 1.95), so the many small executables of a distribution need not be kept even for a moment
  inspects: (_path, mode, size) => (mode & 0o111) !== 0 && size >= MIN_RUST_BINARY,
  reduce: auditDataBytes,
  async parse(path, content) {
    return catalogueRustBinary(path, content);
  },
};

/** The crates of one binary (or of the part `reduce` kept of it), as packages and warnings. */
async function catalogueRustBinary(path: string, content: Buffer): Promise<CatalogResult> {
  const data = readAuditData(content);
  if (!data) return { packages: [], warnings: [] };
  const inflated = inflateAuditData(data);
  if ('problem' in inflated) return { packages: [], warnings: [{ source: path, message: inflated.problem }] };
  // its checks (zod) load only when a binary carries a dependency list
  const { isShippedRegistryCrate, parseVersionInfo } = await import('./version-info.js');
  const info = parseVersionInfo(inflated.json);
  if ('problem' in info) return { packages: [], warnings: [{ source: path, message: info.problem }] };
  const seen = new Set<string>();
  const packages: Package[] = [];
  for (const crate of info.packages.filter(isShippedRegistryCrate)) {
    // crates.io and another registry may both have a crate of this name and version: one package
    const purl = buildPurl({ type: 'cargo', name: crate.name, version: crate.version });
    if (seen.has(purl)) continue;
    seen.add(purl);
    packages.push({
      name: crate.name,
      version: crate.version,
      type: 'cargo',
      purl,
      licenses: [],
      locations: [path],
      foundBy: 'rust',
    });
  }
  return { packages, warnings: [] };
}
