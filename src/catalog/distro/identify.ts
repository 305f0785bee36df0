import type { FileView } from '../../image/file-view.js';
import type { Distro } from '../types.js';
import { parseOsRelease } from './os-release.js';

/** Files read to identify the distro, in order of preference (os-release first, then fallbacks). */
export const DISTRO_FILES = [
  '/etc/os-release',
  '/usr/lib/os-release',
  '/etc/lsb-release',
  '/etc/alpine-release',
  '/etc/redhat-release',
  '/etc/centos-release',
  '/etc/system-release',
  '/etc/debian_version',
] as const;

/** Identifies the image's distribution from the first distro file that names one. */
export async function identifyDistro(view: FileView): Promise<Distro | undefined> {
  for (const path of DISTRO_FILES) {
    const content = await readIfPresent(view, path);
    if (content === undefined) continue;
    const distro = distroFromFile(path, content);
    if (distro) return distro;
  }
  return undefined;
}

/** Reads one distro file's text into a Distro, or undefined when it names none. Pure. */
export function distroFromFile(path: string, text: string): Distro | undefined {
  if (path === '/etc/os-release' || path === '/usr/lib/os-release')
    return fromOsRelease(parseOsRelease(text));
  if (path === '/etc/lsb-release') {
    const vars = parseOsRelease(text);
    const id = vars.get('DISTRIB_ID')?.toLowerCase();
    if (!id) return undefined;
    return compact({ id, versionId: vars.get('DISTRIB_RELEASE'), codename: vars.get('DISTRIB_CODENAME') });
  }
  const firstLine = text.split('\n')[0]!.trim();
  if (firstLine === '') return undefined;
  if (path === '/etc/alpine-release') return { id: 'alpine', versionId: firstLine };
  if (path === '/etc/debian_version') {
    // `12.4` means Debian 12 (os-release's VERSION_ID is the major); `bookworm/sid` is testing.
    const major = /^(\d+)(\.|$)/.exec(firstLine)?.[1];
    return major
      ? { id: 'debian', versionId: major }
      : compact({ id: 'debian', codename: firstLine.split('/')[0] });
  }
  return fromReleaseLine(firstLine);
}

function fromOsRelease(vars: Map<string, string>): Distro | undefined {
  const id = vars.get('ID')?.toLowerCase();
  if (!id) return undefined;
  const idLike = vars.get('ID_LIKE')?.split(/\s+/).filter(Boolean);
  return compact({
    id,
    versionId: vars.get('VERSION_ID'),
    codename: vars.get('VERSION_CODENAME') ?? codenameFromVersion(vars.get('VERSION')),
    idLike: idLike && idLike.length > 0 ? idLike : undefined,
    prettyName: vars.get('PRETTY_NAME'),
  });
}

// Older Debian releases give only VERSION="9 (stretch)".
function codenameFromVersion(version: string | undefined): string | undefined {
  return version ? /\(([a-z]+)\)/.exec(version)?.[1] : undefined;
}

// `/etc/redhat-release` and friends: "<Name> release <version> (<codename>)".
const RELEASE_NAMES: [RegExp, string][] = [
  [/^Red Hat Enterprise Linux/i, 'rhel'],
  [/^CentOS/i, 'centos'],
  [/^Rocky Linux/i, 'rocky'],
  [/^AlmaLinux/i, 'almalinux'],
  [/^Fedora/i, 'fedora'],
  [/^Oracle Linux/i, 'ol'],
  [/^Amazon Linux/i, 'amzn'],
];

function fromReleaseLine(line: string): Distro | undefined {
  const id = RELEASE_NAMES.find(([re]) => re.test(line))?.[1];
  if (!id) return undefined;
  const match = /release\s+([\d.]+)(?:\s*\(([^)]+)\))?/i.exec(line);
  return compact({ id, versionId: match?.[1], codename: match?.[2]?.toLowerCase(), prettyName: line });
}

function compact(distro: Distro): Distro {
  return Object.fromEntries(Object.entries(distro).filter(([, v]) => v !== undefined)) as unknown as Distro;
}

async function readIfPresent(view: FileView, path: string): Promise<string | undefined> {
  const info = await view.stat(path);
  if (info?.type !== 'file') return undefined;
  try {
    return (await view.readFile(path)).toString('utf8');
  } catch {
    return undefined; // present but not retained: try the next file
  }
}
