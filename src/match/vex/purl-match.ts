/**
 * The purl comparison rules of VEX matching. A statement's purl is a pattern: the parts it
 * leaves out (version, qualifiers) match anything; the parts it gives must agree.
 */
import { PackageURL } from 'packageurl-js';
import type { Package } from '../../catalog/types.js';
import { isDigest, splitImageReference } from './image-identity.js';

/** A parsed purl, or undefined when the string is not one. */
export function parsePurl(s: string): PackageURL | undefined {
  if (!s.startsWith('pkg:')) return undefined;
  try {
    return PackageURL.fromString(s);
  } catch {
    return undefined;
  }
}

// Qualifier conventions differ between tools (distro=debian-12 vs os_version=13), so a qualifier
// only rules a package out when both purls name it and disagree (an arch, an rpm epoch).
function qualifiersAgree(pattern: PackageURL, actual: PackageURL): boolean {
  const theirs = actual.qualifiers ?? {};
  return Object.entries(pattern.qualifiers ?? {}).every(
    ([k, v]) => theirs[k] === undefined || theirs[k] === v,
  );
}

/** Whether a statement's product purl names this package (or, for distro packages, its source package). */
export function purlMatchesPackage(
  pattern: string | PackageURL,
  pkg: Package,
  pkgPurl?: PackageURL,
): boolean {
  const want = typeof pattern === 'string' ? parsePurl(pattern) : pattern;
  const have = pkgPurl ?? parsePurl(pkg.purl);
  if (!want || !have || want.type !== have.type) return false;
  if (want.namespace && have.namespace && want.namespace !== have.namespace) return false;
  if (want.name === have.name)
    return (!want.version || want.version === have.version) && qualifiersAgree(want, have);
  // a distribution's VEX names the source package (lz4) for all its binaries (liblz4-1, lz4)
  if (pkg.source && want.name === pkg.source.name.toLowerCase()) {
    return (!want.version || want.version === pkg.source.version) && qualifiersAgree(want, have);
  }
  return false;
}

/** Whether a purl names a container image rather than a package. */
export function isImagePurl(p: PackageURL): boolean {
  return p.type === 'oci' || p.type === 'docker';
}

// The repository path without registry host (`library/debian`), or undefined when unknown.
function repositoryPath(p: PackageURL): string | undefined {
  if (p.type === 'docker') return splitImageReference(p.namespace ? `${p.namespace}/${p.name}` : p.name).path;
  const url = p.qualifiers?.repository_url;
  if (url) return splitImageReference(url).path;
  return splitImageReference(p.name).path;
}

/**
 * Whether a product names the scanned image. A digest (or a purl whose version is a digest) must
 * equal the image's; otherwise the repository paths must agree, and the tag when the product gives one.
 */
export function productMatchesImage(product: string, image: readonly string[]): boolean {
  if (isDigest(product)) return image.includes(product);
  const want = parsePurl(product);
  if (!want || !isImagePurl(want)) return image.includes(product);
  const imageDigests = image.filter(isDigest);
  const imagePurls = image.map(parsePurl).filter((p): p is PackageURL => Boolean(p && isImagePurl(p)));
  for (const p of imagePurls) if (p.version && isDigest(p.version)) imageDigests.push(p.version);
  if (want.version && isDigest(want.version)) return imageDigests.includes(want.version);
  const wantPath = repositoryPath(want);
  return imagePurls.some((have) => {
    if (repositoryPath(have) !== wantPath) return false;
    const tag = want.type === 'oci' ? want.qualifiers?.tag : want.version;
    return !tag || tag === have.qualifiers?.tag;
  });
}
