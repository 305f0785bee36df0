import type { Inventory } from '../../catalog/types.js';
import { SCANNER } from '../../scanner.js';
import type { SbomDocument } from './json-schema.js';
import type { RenderContext, SbomFormat } from './types.js';

/** Builds cleanroom's own SBOM document from an inventory (fields in a fixed, documented order). */
export function toSbomDocument(inventory: Inventory, now: Date): SbomDocument {
  const { target, distro } = inventory;
  return {
    schemaVersion: '1',
    scanner: { name: SCANNER.name, version: SCANNER.version },
    createdAt: now.toISOString(),
    target: {
      reference: target.reference,
      source: target.source,
      digest: target.digest,
      tags: [...target.tags],
      created: target.created,
      platform: target.platform,
      sizeBytes: target.sizeBytes,
      layers: target.layers.map((l) => ({ ...l })),
    },
    distro: distro && {
      id: distro.id,
      versionId: distro.versionId,
      codename: distro.codename,
      idLike: distro.idLike,
      prettyName: distro.prettyName,
    },
    packages: inventory.packages.map((p) => ({
      name: p.name,
      version: p.version,
      type: p.type,
      purl: p.purl,
      source: p.source,
      arch: p.arch,
      licenses: [...p.licenses],
      locations: [...p.locations],
      layer: p.layer,
      foundBy: p.foundBy,
      metadata: p.metadata,
    })),
    warnings: inventory.warnings.map((w) => ({ source: w.source, message: w.message })),
  };
}

/** `--format json`: cleanroom's own format, pretty-printed so diffs of two scans read well. */
export const jsonFormat: SbomFormat = {
  name: 'json',
  description: "cleanroom's own JSON (docs/formats.md)",
  render: (inventory: Inventory, ctx: RenderContext) =>
    `${JSON.stringify(toSbomDocument(inventory, ctx.now), null, 2)}\n`,
};
