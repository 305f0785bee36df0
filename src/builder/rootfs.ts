/**
 * The root of an image as one sorted list of tar entries: the packages' data members merged in
 * name order, documentation left out as the image file asks, then the files cleanroom writes
 * itself (system-files.ts, status.d, alternatives, the CA bundle). Pure: packages in, entries out.
 * Hard links are written as copies: the layer is sorted by path, and a tar must list a link's
 * target before the link.
 */
import { InputError } from '../errors.js';
import type { DebPackage } from './deb-package.js';
import type { TarEntry } from './tar-write.js';
import { alternativeLinks, parseAlternativeInstalls } from './alternatives.js';
import {
  group,
  nsswitch,
  osRelease,
  passwd,
  statusEntry,
  type Account,
  type DistroIdentity,
} from './system-files.js';

/** What goes into a root besides the packages. */
export interface RootOptions {
  account: Account;
  distro: DistroIdentity;
  /** keep /usr/share/doc (else only the copyright files), man pages, info and translations */
  keepDocs: boolean;
  /** write /etc/ssl/certs/ca-certificates.crt from the ca-certificates package's certificates */
  caBundle: boolean;
  /**
   * the suite's `base-files`, for the merged-/usr links it ships at the top of the root (trixie:
   * `bin`, `sbin`, `lib`, `lib64` on amd64 → `usr/…`); none on bookworm, whose packages still ship
   * `/lib` and `/bin`
   */
  layout?: DebPackage;
}

/** The top-level aliasing links a base-files package ships: `bin` → `usr/bin` and the like. */
export function mergedUsrLinks(baseFiles: DebPackage | undefined): Map<string, string> {
  const links = new Map<string, string>();
  for (const m of baseFiles?.files ?? []) {
    const path = m.path.replace(/^\.?\/+/, '').replace(/\/+$/, '');
    if (m.type === 'symlink' && !path.includes('/') && m.linkname === `usr/${path}`)
      links.set(path, m.linkname);
  }
  return links;
}

const DOCS = /^usr\/share\/(man|info|locale|lintian|linda)(\/|$)|^usr\/share\/doc\/[^/]+\/(?!copyright$)/;

/** The entries of the root, sorted by path, parents first. */
export function assembleRoot(
  packages: readonly { name: string; deb: DebPackage }[],
  options: RootOptions,
): TarEntry[] {
  const tree = new Map<string, TarEntry>();
  const dir = (path: string, mode = 0o755, uid = 0, gid = 0) => {
    if (!tree.has(path)) tree.set(path, { path, type: 'directory', mode, uid, gid });
  };
  const file = (path: string, text: string | Buffer, mode = 0o644) =>
    tree.set(path, { path, type: 'file', mode, uid: 0, gid: 0, data: Buffer.from(text) });
  const symlink = (path: string, target: string) =>
    tree.set(path, { path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, linkname: target });

  const aliases = mergedUsrLinks(options.layout);
  // a file shipped under an aliased path (`lib/x`) lands where the link leads (`usr/lib/x`), as on
  // a merged-/usr system
  const canonical = (path: string) => {
    const top = path.split('/', 1)[0]!;
    return aliases.has(top) ? `usr/${path}` : path;
  };
  for (const { name, deb: original } of packages) {
    const deb = aliases.size
      ? {
          ...original,
          files: original.files
            .filter((m) => !(aliases.has(m.path) && m.type === 'directory'))
            .map((m) => ({
              ...m,
              path: canonical(m.path),
              ...(m.type === 'hardlink' && m.linkname ? { linkname: canonical(m.linkname) } : {}),
            })),
        }
      : original;
    const own = new Map(deb.files.map((m) => [m.path, m]));
    for (const member of deb.files) {
      if (member.path.split('/').includes('..'))
        throw new InputError(`${name} ships a path outside the root: ${member.path}`);
      if (!member.path || (!options.keepDocs && DOCS.test(member.path))) continue;
      if (member.type === 'directory') {
        if (tree.get(member.path)?.type !== 'directory')
          tree.set(member.path, { ...member, data: undefined });
      } else if (member.type === 'hardlink') {
        // a sorted tar may list a hard link before its target (and the target may be a left-out
        // doc file), so the link becomes a copy of its target's bytes
        const target = own.get(member.linkname ?? '');
        if (target?.type !== 'file')
          throw new InputError(`${name} ships a hard link to a missing file: ${member.path}`);
        tree.set(member.path, { ...member, type: 'file', linkname: undefined, data: target.data });
      } else tree.set(member.path, member);
    }
  }

  file('etc/passwd', passwd(options.account));
  file('etc/group', group(options.account));
  if (!tree.has('etc/os-release') && !tree.has('usr/lib/os-release'))
    file('etc/os-release', osRelease(options.distro));
  if (!tree.has('etc/nsswitch.conf')) file('etc/nsswitch.conf', nsswitch());
  dir('tmp', 0o1777);
  dir('root', 0o700);
  dir(options.account.home.replace(/^\/+/, ''), 0o755, options.account.uid, options.account.gid);
  for (const { name, deb } of packages) {
    file(`var/lib/dpkg/status.d/${name}`, statusEntry(deb.control));
    if (deb.md5sums) file(`var/lib/dpkg/status.d/${name}.md5sums`, deb.md5sums);
  }
  const candidates = packages.flatMap(({ deb }) =>
    deb.postinst ? parseAlternativeInstalls(deb.postinst) : [],
  );
  const links = alternativeLinks(candidates, (p) => tree.has(canonical(p.replace(/^\/+/, ''))));
  for (const [link, target] of links) symlink(canonical(link.replace(/^\/+/, '')), target);
  if (options.caBundle) {
    const certs = [...tree.values()]
      .filter((e) => e.type === 'file' && /^usr\/share\/ca-certificates\/.+\.crt$/.test(e.path))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
    const bundle = certs.map((c) =>
      c.data!.toString('utf8').endsWith('\n') ? c.data!.toString('utf8') : `${c.data!.toString('utf8')}\n`,
    );
    file('etc/ssl/certs/ca-certificates.crt', bundle.join(''));
  }
  for (const [link, target] of aliases) {
    symlink(link, target);
    dir(target);
  }
  for (const path of [...tree.keys()]) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dir(parts.slice(0, i).join('/'));
  }
  return [...tree.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The entries as a Map by path, for checks (`has bin/sh?`). */
export function entriesByPath(entries: readonly TarEntry[]): Map<string, TarEntry> {
  return new Map(entries.map((e) => [e.path, e]));
}
