import type { Distro } from '../../catalog/types.js';
import type { Matcher } from '../matcher.js';

/**
 * rpm packages are matched where an OSV feed covers the distribution by major release
 * (AlmaLinux, Rocky Linux, openEuler, Azure Linux / Mariner), by binary name as those feeds
 * key their rows, and by source rpm name for feeds keyed by source.
 */
export const rpmMatcher: Matcher = {
  name: 'rpm',
  keys(pkg, distro) {
    if (pkg.type !== 'rpm' || !distro) return [];
    const ecosystem = rpmEcosystem(distro);
    if (!ecosystem) return [];
    const names = new Set([pkg.name, pkg.source?.name ?? pkg.name]);
    return [...names].map((name) => ({
      ecosystem,
      name,
      version: pkg.version,
      scheme: 'rpm',
      distroSource: distro.id,
    }));
  },
};

const RPM_ECOSYSTEMS: Record<string, string> = {
  almalinux: 'AlmaLinux',
  rocky: 'Rocky Linux',
  openeuler: 'openEuler',
  mariner: 'Mariner',
  azurelinux: 'Azure Linux',
};

/** almalinux 9.3 → `AlmaLinux:9`; others unknown to the feeds → undefined (no guessing). */
export function rpmEcosystem(distro: Distro): string | undefined {
  const family = RPM_ECOSYSTEMS[distro.id];
  const major = distro.versionId?.split('.')[0];
  return family && major ? `${family}:${major}` : undefined;
}
