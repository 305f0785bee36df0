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

/**
 * The OSV ecosystem of a deb distribution: Debian 12 → `Debian:12` (testing/sid by codename);
 * Ubuntu as Canonical's OSV data names its releases, `Ubuntu:22.04:LTS` for a long-term support
 * release and `Ubuntu:24.10` for an interim one. (`Ubuntu:Pro:…` rows are fixes for Ubuntu Pro
 * subscribers only, which an image does not get by default.)
 */
export function debEcosystem(distro: Distro): string | undefined {
  if (distro.id === 'debian') {
    const major = distro.versionId?.split('.')[0];
    return major ? `Debian:${major}` : distro.codename && debianEcosystem(distro.codename);
  }
  if (distro.id === 'ubuntu' && distro.versionId) {
    const release = /^\d+\.\d+/.exec(distro.versionId)?.[0] ?? distro.versionId;
    return `Ubuntu:${release}${isUbuntuLts(release, distro.prettyName) ? ':LTS' : ''}`;
  }
  return undefined;
}

/** An Ubuntu release is LTS when os-release says so, or, failing that, when it is an April release of an even year. */
function isUbuntuLts(release: string, prettyName: string | undefined): boolean {
  if (prettyName && /\bLTS\b/.test(prettyName)) return true;
  const m = /^(\d+)\.04$/.exec(release);
  return m !== null && Number(m[1]) % 2 === 0;
}
