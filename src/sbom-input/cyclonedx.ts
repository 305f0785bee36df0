import type { Distro, Inventory, Package } from '../catalog/types.js';
import { distroFromPackages, packageFromFacts } from './package-from-purl.js';

/** The parts of a CycloneDX component that matter for matching, from JSON or XML alike. */
export interface CdxComponent {
  type?: string;
  name?: string;
  version?: string;
  purl?: string;
  licenses: string[];
  properties: Record<string, string[]>;
  components: CdxComponent[];
}

/**
 * Turns CycloneDX components into an inventory. Syft records the source package in
 * `syft:metadata:source` / `sourceVersion` and the files in `syft:location:N:path`; cleanroom
 * writes `cleanroom:…` properties; an `operating-system` component names the distro.
 */
export function inventoryFromCdx(
  components: CdxComponent[],
  meta: { reference: string; digest?: string; created?: string },
  file: string,
): Inventory {
  const packages: Package[] = [];
  let distro: Distro | undefined;
  const visit = (c: CdxComponent) => {
    if (c.type === 'operating-system' && c.name) distro = { id: c.name.toLowerCase(), versionId: c.version };
    const prop = (k: string) =>
      c.properties[`syft:metadata:${k}`]?.[0] ?? c.properties[`cleanroom:${k}`]?.[0];
    const locations = Object.entries(c.properties)
      .filter(([k]) => /^(syft:location:\d+:path|cleanroom:location)$/.test(k))
      .flatMap(([, v]) => v);
    const pkg = packageFromFacts({
      name: c.name,
      version: c.version,
      purl: c.purl,
      licenses: c.licenses,
      locations,
      layer: c.properties['cleanroom:layer']?.[0] ?? c.properties['syft:location:0:layerID']?.[0],
      sourceName: prop('source') ?? prop('source-name') ?? prop('sourceName'),
      sourceVersion: prop('sourceVersion') ?? prop('source-version'),
      foundBy: 'cyclonedx',
    });
    if (pkg) packages.push(pkg);
    c.components.forEach(visit);
  };
  components.forEach(visit);
  return {
    target: {
      reference: meta.reference,
      source: 'sbom',
      digest: meta.digest,
      sbomCreated: meta.created,
      tags: [],
      layers: [],
    },
    distro: distro ?? distroFromPackages(packages),
    packages,
    warnings: packages.length ? [] : [{ source: file, message: 'the SBOM lists no package with a purl' }],
  };
}
