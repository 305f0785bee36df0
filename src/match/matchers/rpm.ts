import type { AffectedRecord } from '../../advisory/db/types.js';
import type { Distro, Package } from '../../catalog/types.js';
import type { LookupKey, Matcher } from '../matcher.js';

/**
 * rpm packages are matched where an OSV feed covers the distribution, by binary name as those
 * feeds key their rows and by source rpm name for feeds keyed by source: AlmaLinux, Rocky Linux,
 * openEuler, Azure Linux / Mariner by major release, and Red Hat Enterprise Linux (UBI images
 * too) in the repositories its images install from, as Red Hat's OSV data names them
 * (`Red Hat:enterprise_linux:9::baseos`, `::appstream`, `::crb`).
 */
export const rpmMatcher: Matcher = {
  name: 'rpm',
  keys(pkg, distro) {
    if (pkg.type !== 'rpm' || !distro) return [];
    const names = new Set([pkg.name, pkg.source?.name ?? pkg.name]);
    const accepts = moduleStreamFilter(pkg);
    return rpmEcosystems(distro).flatMap((ecosystem) =>
      [...names].map((name): LookupKey => ({
        ecosystem,
        name,
        version: pkg.version,
        scheme: 'rpm',
        distroSource: distro.id,
        ...(accepts ? { accepts } : {}),
      })),
    );
  },
};

const RPM_ECOSYSTEMS: Record<string, string> = {
  almalinux: 'AlmaLinux',
  rocky: 'Rocky Linux',
  openeuler: 'openEuler',
  mariner: 'Mariner',
  azurelinux: 'Azure Linux',
};
const RHEL_REPOSITORIES = ['baseos', 'appstream', 'crb'];

/** almalinux 9.3 → [`AlmaLinux:9`]; rhel 9.4 → its repositories; others unknown to the feeds → []. */
function rpmEcosystems(distro: Distro): string[] {
  const major = distro.versionId?.split('.')[0];
  if (!major) return [];
  if (distro.id === 'rhel' && Number(major) >= 8)
    return RHEL_REPOSITORIES.map((repo) => `Red Hat:enterprise_linux:${major}::${repo}`);
  const family = RPM_ECOSYSTEMS[distro.id];
  return family ? [`${family}:${major}`] : [];
}

/**
 * A package built for a module stream (`nodejs:20`) is fixed by builds of that stream only: a row
 * whose fixed version is a module build of another stream (`1:22.23.2-2.module+el9…` for nodejs:22)
 * is another package line. The stream names a version prefix for the modules that carry one
 * (nodejs 20, php 8.1, postgresql 15); other streams (`rhel8`, `stable`) filter nothing.
 */
function moduleStreamFilter(pkg: Package): ((row: AffectedRecord) => boolean) | undefined {
  const label = pkg.metadata?.kind === 'rpm' ? pkg.metadata.modularityLabel : undefined;
  const stream = label?.split(':')[1];
  if (!stream || !/^\d+(\.\d+)*$/.test(stream)) return undefined;
  return (row) => {
    const fixed = row.fixedVersion;
    if (!fixed?.includes('.module+')) return true;
    const upstream = fixed.slice(fixed.indexOf(':') + 1).split('-')[0] ?? '';
    return upstream === stream || upstream.startsWith(`${stream}.`);
  };
}
