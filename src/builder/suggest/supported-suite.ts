/** Which images suggest takes: Debian bookworm or trixie, packages installed by dpkg; and their arch. */
import type { Inventory } from '../../catalog/types.js';
import { InputError } from '../../errors.js';

/** The Debian multiarch triplet of each Debian architecture. */
export const TRIPLETS: Record<string, string> = {
  amd64: 'x86_64-linux-gnu',
  arm64: 'aarch64-linux-gnu',
  i386: 'i386-linux-gnu',
  armhf: 'arm-linux-gnueabihf',
  ppc64el: 'powerpc64le-linux-gnu',
  s390x: 's390x-linux-gnu',
  riscv64: 'riscv64-linux-gnu',
};
const DEBIAN_ARCH: Record<string, string> = { '386': 'i386', arm: 'armhf', ppc64le: 'ppc64el' };
const SUITES = new Set(['bookworm', 'trixie']);
const SUPPORTED =
  'cleanroom suggest supports Debian-based images (bookworm, trixie) whose packages dpkg installed';

/** Debian's name of an OCI architecture (`386` → `i386`); amd64 when the config names none. */
export const debianArch = (architecture?: string) =>
  DEBIAN_ARCH[architecture ?? 'amd64'] ?? architecture ?? 'amd64';

/** The image's suite; refuses, in one sentence, an image that is not Debian-based. */
export function supportedSuite(source: string, inventory: Inventory): string {
  const distro = inventory.distro;
  const debs = inventory.packages.filter((p) => p.type === 'deb').length;
  if (!distro || distro.id !== 'debian' || debs === 0) {
    const what = distro
      ? `${distro.id}${distro.versionId ? ` ${distro.versionId}` : ''}`
      : 'no known distribution';
    throw new InputError(`${source} is ${what}, not Debian: ${SUPPORTED}`);
  }
  const codename = distro.codename ?? '';
  if (!SUITES.has(codename))
    throw new InputError(
      `${source} is Debian ${distro.versionId ?? codename}, not bookworm or trixie: ${SUPPORTED}`,
    );
  return codename;
}
