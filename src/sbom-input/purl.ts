import type { Distro, PackageType } from '../catalog/types.js';

export interface ParsedPurl {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers: Record<string, string>;
}

/**
 * Parses a package URL (purl spec). Written here rather than taken from packageurl-js because
 * SBOMs in the wild leave `+` unescaped in qualifier values (`upstream=util-linux@2.29.2-1+deb9u1`)
 * and form-decoding turns it into a space, which breaks Debian versions.
 */
export function parsePurl(purl: string): ParsedPurl | undefined {
  const m = /^pkg:([a-zA-Z][a-zA-Z0-9.+-]*)\/([^?#]+?)(?:@([^?#]*))?(?:\?([^#]*))?(?:#.*)?$/.exec(
    purl.trim(),
  );
  if (!m) return undefined;
  const path = m[2]!.split('/').map(decode);
  const name = path.pop();
  if (!name) return undefined;
  const qualifiers: Record<string, string> = {};
  for (const pair of (m[4] ?? '').split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0) qualifiers[pair.slice(0, eq).toLowerCase()] = decode(pair.slice(eq + 1));
  }
  return {
    type: m[1]!.toLowerCase(),
    namespace: path.length ? path.join('/') : undefined,
    name,
    version: m[3] !== undefined ? decode(m[3]) : undefined,
    qualifiers,
  };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const PURL_TYPES: Record<string, PackageType> = {
  apk: 'apk',
  alpm: 'generic',
  deb: 'deb',
  rpm: 'rpm',
  pypi: 'pypi',
  npm: 'npm',
  golang: 'golang',
  maven: 'maven',
  cargo: 'cargo',
  gem: 'gem',
  nuget: 'nuget',
  composer: 'composer',
};

/** The package type of a purl type; unknown types are `generic`. */
export function packageTypeOfPurl(type: string): PackageType {
  return PURL_TYPES[type] ?? 'generic';
}

/** The source package named by a purl's `upstream` qualifier (`name` or `name@version`). */
export function upstreamOf(purl: ParsedPurl): { name: string; version?: string } | undefined {
  const up = purl.qualifiers.upstream;
  if (!up) return undefined;
  const at = up.indexOf('@');
  return at > 0 ? { name: up.slice(0, at), version: up.slice(at + 1) } : { name: up };
}

/** The distro of a purl's `distro` qualifier: `debian-9`, `alpine-3.9.4`, `ubuntu-22.04`. */
export function distroOfPurl(purl: ParsedPurl): Distro | undefined {
  const d = purl.qualifiers.distro;
  if (!d) return undefined;
  const m = /^([a-z][a-z0-9._]*?)-(\d[\w.]*)$/i.exec(d);
  if (m) return { id: m[1]!.toLowerCase(), versionId: m[2] };
  return { id: (purl.namespace ?? d).toLowerCase(), codename: d };
}
