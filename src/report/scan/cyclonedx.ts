/**
 * `--format cyclonedx-json` for a scan: the CycloneDX 1.6 SBOM of the inventory (the SBOM
 * formats' own builder, reused) plus `vulnerabilities[]` (https://cyclonedx.org/docs/1.6/json/#vulnerabilities):
 * one entry per finding, affecting the package's component, with the VEX analysis where a
 * statement applied. Suppressed findings are always written: CycloneDX is how VEX travels.
 */
import type { Package } from '../../catalog/types.js';
import type { Finding, ScanResult, VexStatement } from '../../match/types.js';
import { toCycloneDxJustification } from '../../match/vex/justifications.js';
import { toCycloneDx } from '../sbom/cyclonedx.js';
import { cdxRatings } from './cyclonedx-ratings.js';
import { vulnerabilitySourceName, vulnerabilityUrl } from './links.js';
import { sortFindings } from './order.js';
import type { ScanFormat, ScanRenderOptions } from './types.js';

const STATE: Record<VexStatement['status'], string> = {
  not_affected: 'not_affected',
  fixed: 'resolved',
  affected: 'exploitable',
  under_investigation: 'in_triage',
};

function packageKey(p: Package): string {
  return `${p.purl}\0${p.name}\0${p.version}\0${p.locations.join('\0')}`;
}

function analysis(vex: VexStatement) {
  const detail = [vex.impactStatement, `VEX statement from ${vex.source}`].filter(Boolean).join(' — ');
  return { state: STATE[vex.status], justification: toCycloneDxJustification(vex.justification), detail };
}

function vulnerability(f: Finding, ref: string, taken: Set<string>) {
  let bomRef = `${f.vulnerability}@${ref}`;
  for (let n = 2; taken.has(bomRef); n++) bomRef = `${f.vulnerability}@${ref}#${n}`;
  taken.add(bomRef);
  const properties: { name: string; value: string }[] = [{ name: 'cleanroom:fixState', value: f.fixState }];
  if (f.fixedVersion) properties.push({ name: 'cleanroom:fixedVersion', value: f.fixedVersion });
  if (f.kev) properties.push({ name: 'cleanroom:kev', value: 'true' });
  if (f.epss !== undefined) properties.push({ name: 'cleanroom:epss', value: String(f.epss) });
  properties.push({ name: 'cleanroom:matchedBy', value: f.matchedBy });
  return {
    'bom-ref': bomRef,
    id: f.vulnerability,
    source: { name: vulnerabilitySourceName(f.vulnerability), url: vulnerabilityUrl(f.vulnerability) },
    references: f.aliases.map((id) => ({
      id,
      source: { name: vulnerabilitySourceName(id), url: vulnerabilityUrl(id) },
    })),
    ratings: cdxRatings(f),
    description: f.summary,
    recommendation: f.fixedVersion ? `Update ${f.package.name} to ${f.fixedVersion} or later.` : undefined,
    published: f.published,
    analysis: f.vex ? analysis(f.vex) : undefined,
    affects: [{ ref, versions: [{ version: f.package.version, status: 'affected' }] }],
    properties,
  };
}

/** Builds the CycloneDX 1.6 document with components and vulnerabilities for a scan result. */
export function toCycloneDxScan(scan: ScanResult, now: Date): Record<string, unknown> {
  const bom = toCycloneDx(scan.inventory, now);
  const components = bom.components as Record<string, unknown>[];
  // the SBOM builder writes one library component per package, in inventory order
  const libraries = components.filter((c) => c.type === 'library').map((c) => String(c['bom-ref']));
  const refs = new Map(scan.inventory.packages.map((p, i) => [packageKey(p), libraries[i] ?? p.purl]));
  const taken = new Set<string>(components.map((c) => String(c['bom-ref'])));
  const findings = [...sortFindings(scan.findings), ...sortFindings(scan.suppressed)];
  const vulnerabilities = findings.map((f) => {
    let ref = refs.get(packageKey(f.package));
    if (!ref) {
      // a finding whose package is not in the inventory (should not happen): give it a component
      ref = f.package.purl || `${f.package.type}:${f.package.name}@${f.package.version}`;
      for (let n = 2; taken.has(ref); n++) ref = `${f.package.purl}#${n}`;
      taken.add(ref);
      components.push({
        type: 'library',
        'bom-ref': ref,
        name: f.package.name,
        version: f.package.version,
        purl: f.package.purl,
      });
      refs.set(packageKey(f.package), ref);
    }
    return vulnerability(f, ref, taken);
  });
  return { ...bom, vulnerabilities };
}

/** `--format cyclonedx-json`. */
export const cyclonedxScanFormat: ScanFormat = {
  name: 'cyclonedx-json',
  description: 'CycloneDX 1.6 JSON with components and vulnerabilities (VEX analysis included)',
  render: (scan: ScanResult, options: ScanRenderOptions) =>
    `${JSON.stringify(toCycloneDxScan(scan, options.now), null, 2)}\n`,
};
