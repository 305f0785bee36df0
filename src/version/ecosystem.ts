/**
 * Which version scheme an OSV-style ecosystem name uses ('Alpine:v3.9', 'Debian:12', 'PyPI' …).
 * The part after ':' is a release and does not change the scheme.
 */
import { versionSchemes } from './registry.js';
import type { VersionScheme } from './types.js';

const BY_ECOSYSTEM: ReadonlyMap<string, string> = new Map([
  ['alpine', 'apk'],
  ['alpaquita', 'apk'],
  ['bellsoft hardened containers', 'apk'],
  ['wolfi', 'apk'],
  ['chainguard', 'apk'],
  ['debian', 'dpkg'],
  ['ubuntu', 'dpkg'],
  ['red hat', 'rpm'],
  ['almalinux', 'rpm'],
  ['rocky linux', 'rpm'],
  ['opensuse', 'rpm'],
  ['suse', 'rpm'],
  ['mageia', 'rpm'],
  ['openeuler', 'rpm'],
  ['azure linux', 'rpm'],
  ['amazon linux', 'rpm'],
  ['fedora', 'rpm'],
  ['pypi', 'pep440'],
  ['npm', 'semver'],
  ['crates.io', 'semver'],
  ['go', 'go'],
  ['maven', 'maven'],
  ['rubygems', 'rubygems'],
]);

/** The scheme name for an ecosystem; 'generic' for ecosystems without one (NuGet, Packagist …). */
export function schemeNameForEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  const base = (colon < 0 ? ecosystem : ecosystem.slice(0, colon)).trim().toLowerCase();
  return BY_ECOSYSTEM.get(base) ?? 'generic';
}

/** The version scheme for an ecosystem, e.g. schemeForEcosystem('Debian:12') is the dpkg scheme. */
export function schemeForEcosystem(ecosystem: string): VersionScheme {
  return versionSchemes.get(schemeNameForEcosystem(ecosystem))!;
}
