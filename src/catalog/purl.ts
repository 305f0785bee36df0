import { PackageURL } from 'packageurl-js';
import type { Distro, PackageType } from './types.js';

/**
 * Package URLs written the way Syft and Trivy write them, so SBOMs from different tools agree:
 * - OS packages (apk, deb, rpm): namespace = the os-release ID (`alpine`, `debian`, `amzn`), and a
 *   `distro=ID-VERSION_ID` qualifier (`distro=debian-12`, `distro=alpine-3.9.4`); `arch` when known;
 *   `upstream` names the source package when it differs from the binary one (deb appends
 *   `@version` when the source version differs too; rpm gives the source rpm file name); rpm puts
 *   the epoch in an `epoch` qualifier, never in the version.
 * - The version is percent-encoded except `:` (a deb epoch), so `+` becomes `%2B` as in Syft.
 * - Qualifiers are sorted by key, as the purl spec's canonical form requires.
 * - pypi names are lowercased with `_` → `-` (purl spec); npm scopes are the namespace.
 */
export interface PurlParts {
  type: PackageType;
  namespace?: string;
  name: string;
  version: string;
  qualifiers?: Record<string, string | undefined>;
}

/** Builds the canonical purl string of a package. */
export function buildPurl(parts: PurlParts): string {
  const qualifiers: Record<string, string> = {};
  for (const [key, value] of Object.entries(parts.qualifiers ?? {})) {
    if (value !== undefined && value !== '') qualifiers[key] = value;
  }
  const purlType = parts.type === 'pypi' ? 'pypi' : parts.type;
  const name = parts.type === 'pypi' ? parts.name.toLowerCase().replace(/_/g, '-') : parts.name;
  const withoutVersion = new PackageURL(
    purlType,
    parts.namespace || undefined,
    name,
    undefined,
    Object.keys(qualifiers).length > 0 ? qualifiers : undefined,
    undefined,
  ).toString();
  const [base, query] = splitOnce(withoutVersion, '?');
  const version = encodeURIComponent(parts.version).replace(/%3A/gi, ':');
  return `${base}@${version}${query === undefined ? '' : `?${query}`}`;
}

/** The `distro` qualifier value of OS packages: `ID-VERSION_ID`, or just `ID` for rolling distros. */
export function distroQualifier(distro: Distro | undefined): string | undefined {
  if (!distro) return undefined;
  return distro.versionId ? `${distro.id}-${distro.versionId}` : distro.id;
}

/** The namespace of OS packages: the distro ID, or the family's usual one when unknown. */
export function osNamespace(distro: Distro | undefined, fallback: string): string {
  return distro?.id ?? fallback;
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const i = text.indexOf(sep);
  return i < 0 ? [text, undefined] : [text.slice(0, i), text.slice(i + 1)];
}
