/**
 * Debian release codenames ↔ version numbers (https://www.debian.org/releases/ and
 * https://wiki.debian.org/DebianReleases). Ecosystems follow OSV: `Debian:12`; the rolling
 * `sid` has no number and is kept by name (`Debian:sid`).
 */
const CODENAMES: ReadonlyMap<string, string> = new Map([
  ['buzz', '1.1'],
  ['rex', '1.2'],
  ['bo', '1.3'],
  ['hamm', '2.0'],
  ['slink', '2.1'],
  ['potato', '2.2'],
  ['woody', '3.0'],
  ['sarge', '3.1'],
  ['etch', '4'],
  ['lenny', '5'],
  ['squeeze', '6'],
  ['wheezy', '7'],
  ['jessie', '8'],
  ['stretch', '9'],
  ['buster', '10'],
  ['bullseye', '11'],
  ['bookworm', '12'],
  ['trixie', '13'],
  ['forky', '14'],
  ['duke', '15'],
  ['sid', 'sid'],
]);

/** The OSV ecosystem of a Debian codename (`bookworm` → `Debian:12`); undefined when unknown. */
export function debianEcosystem(codename: string): string | undefined {
  // LTS and ELTS suites are named after their release (`stretch-lts`)
  const number = CODENAMES.get(codename.toLowerCase().replace(/-(lts|security|elts)$/, ''));
  return number === undefined ? undefined : `Debian:${number}`;
}

/** The codename of a Debian version number (`12` → `bookworm`), for display and URLs. */
export function debianCodename(version: string): string | undefined {
  for (const [name, number] of CODENAMES) if (number === version) return name;
  return undefined;
}
