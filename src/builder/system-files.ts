/**
 * The files a root needs that no package of a minimal closure ships, written as Debian writes them:
 * `/etc/os-release` (os-release(5)), `/etc/passwd` and `/etc/group` (passwd(5), group(5)) with root
 * and the image's account, `/etc/nsswitch.conf` (glibc reads users from files only with it).
 */

/** The non-root account the image runs as. */
export interface Account {
  user: string;
  group: string;
  uid: number;
  gid: number;
  home: string;
}

/** The distribution an image is built from, as os-release names it. */
export interface DistroIdentity {
  id: string;
  name: string;
  versionId?: string;
  codename: string;
}

/** The text of /etc/os-release for a distribution. */
export function osRelease(d: DistroIdentity): string {
  const version = d.versionId ? `${d.versionId} (${d.codename})` : d.codename;
  const lines = [
    `PRETTY_NAME="${d.name} ${version}"`,
    `NAME="${d.name}"`,
    ...(d.versionId ? [`VERSION_ID="${d.versionId}"`, `VERSION="${version}"`] : []),
    `VERSION_CODENAME=${d.codename}`,
    `ID=${d.id}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The text of /etc/passwd: root, and the account with no login shell. */
export function passwd(a: Account): string {
  return `root:x:0:0:root:/root:/sbin/nologin\n${a.user}:x:${a.uid}:${a.gid}:${a.user}:${a.home}:/sbin/nologin\n`;
}

/** The text of /etc/group: root, and the account's group. */
export function group(a: Account): string {
  return `root:x:0:\n${a.group}:x:${a.gid}:\n`;
}

/** The text of /etc/nsswitch.conf for a root without NSS modules beyond glibc's own. */
export function nsswitch(): string {
  return 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\n';
}

/** The status.d entry of a package: its control stanza as dpkg would keep it once installed. */
export function statusEntry(control: string): string {
  const stanza = control.replace(/\n+$/, '');
  return /^Status:/m.test(stanza)
    ? `${stanza}\n`
    : `${stanza.replace(/^(Package: .*)$/m, '$1\nStatus: install ok installed')}\n`;
}
