import type { Distro, Package } from '../catalog/types.js';
import { distroOfPurl, packageTypeOfPurl, parsePurl, upstreamOf } from './purl.js';

export interface ComponentFacts {
  name?: string;
  version?: string;
  purl?: string;
  licenses?: string[];
  locations?: string[];
  layer?: string;
  /** source package and version where the SBOM states them apart from the purl */
  sourceName?: string;
  sourceVersion?: string;
  foundBy: string;
}

/** Builds a package from what an SBOM says of a component; undefined when it has no usable purl. */
export function packageFromFacts(facts: ComponentFacts): Package | undefined {
  if (!facts.purl) return undefined;
  const purl = parsePurl(facts.purl);
  if (!purl) return undefined;
  const type = packageTypeOfPurl(purl.type);
  const name = facts.name ?? purl.name;
  const version = facts.version ?? purl.version ?? '';
  // A Maven name is `group:artifact`, as the OSV Maven ecosystem keys it.
  const fullName = type === 'maven' && purl.namespace ? `${purl.namespace}:${purl.name}` : name;
  const upstream = upstreamOf(purl);
  const sourceName = facts.sourceName ?? upstream?.name;
  const sourceVersion = facts.sourceVersion ?? upstream?.version ?? version;
  return {
    name: fullName,
    version,
    type,
    purl: facts.purl,
    source: sourceName ? { name: sourceName, version: sourceVersion } : undefined,
    arch: purl.qualifiers.arch,
    licenses: facts.licenses ?? [],
    locations: facts.locations ?? [],
    layer: facts.layer,
    foundBy: facts.foundBy,
  };
}

/** The distro an SBOM's packages name in their purls, when the document does not say it apart. */
export function distroFromPackages(packages: Package[]): Distro | undefined {
  for (const p of packages) {
    const parsed = parsePurl(p.purl);
    const distro = parsed && distroOfPurl(parsed);
    if (distro?.versionId) return distro;
  }
  return undefined;
}
