import { debianEcosystem } from '../../advisory/debian-releases.js';
import type { Distro } from '../../catalog/types.js';
import type { Matcher } from '../matcher.js';

/**
 * deb packages are matched by source package and release: Debian's tracker and DSAs key fixes by
 * source package (`libc6` is fixed through `glibc`). The compared version is the source version:
 * a binary can carry an epoch its source has not (bsdutils 1:2.29.2-1 from util-linux 2.29.2-1).
 */
export const dpkgMatcher: Matcher = {
  name: 'dpkg',
  keys(pkg, distro) {
    if (pkg.type !== 'deb' || !distro) return [];
    const ecosystem = debEcosystem(distro);
    if (!ecosystem) return [];
    const name = pkg.source?.name ?? pkg.name;
    const version = pkg.source?.version || pkg.version;
    return [{ ecosystem, name, version, scheme: 'dpkg', distroSource: distro.id }];
  },
};

/** Debian 12 → `Debian:12`; Ubuntu 22.04 → `Ubuntu:22.04`; testing/sid by codename. */
export function debEcosystem(distro: Distro): string | undefined {
  if (distro.id === 'debian') {
    const major = distro.versionId?.split('.')[0];
    return major ? `Debian:${major}` : distro.codename && debianEcosystem(distro.codename);
  }
  if (distro.id === 'ubuntu' && distro.versionId) return `Ubuntu:${distro.versionId}`;
  return undefined;
}
