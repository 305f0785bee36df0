/**
 * How the two SBOM standards name the scanned image: a name, a version and, when the manifest
 * digest is known, an OCI purl (purl-spec `oci` type: name = last path segment, version = digest).
 */
import { PackageURL } from 'packageurl-js';
import type { TargetInfo } from '../../catalog/types.js';

export interface ImageIdentity {
  name: string;
  /** the tag when there is one, else the digest, else `unknown` */
  version: string;
  purl?: string;
}

/** Splits `registry/repo/name:tag` (or `…@sha256:…`) into repository and tag. */
export function splitImageName(ref: string): { repository: string; tag?: string } {
  const at = ref.indexOf('@');
  const noDigest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = noDigest.lastIndexOf(':');
  if (colon > noDigest.lastIndexOf('/'))
    return { repository: noDigest.slice(0, colon), tag: noDigest.slice(colon + 1) };
  return { repository: noDigest };
}

// For an archive without tags: `docker-archive:/x/alpine-3.9.4.docker.tar.gz` → `alpine-3.9.4.docker`
function nameFromPath(reference: string): string {
  const noPrefix = reference.replace(/^(docker-archive|oci-dir|oci-archive|dir|registry|docker):/, '');
  const base = noPrefix.replace(/\/+$/, '').split('/').pop() ?? noPrefix;
  return base.replace(/\.(tar\.gz|tgz|tar\.zst|tar)$/i, '') || 'image';
}

/** Name, version and OCI purl of the image described by a target. */
export function imageIdentity(target: TargetInfo): ImageIdentity {
  const looksLikeName = target.source === 'registry';
  const named = target.tags[0] ?? (looksLikeName ? target.reference : undefined);
  const { repository, tag } = named ? splitImageName(named) : { repository: nameFromPath(target.reference) };
  const name = (repository.split('/').pop() ?? repository).toLowerCase();
  const version = tag ?? target.digest ?? 'unknown';
  if (!target.digest) return { name, version };
  const qualifiers: Record<string, string> = {};
  if (named && repository.includes('/')) qualifiers.repository_url = repository;
  if (tag) qualifiers.tag = tag;
  if (target.platform) qualifiers.arch = target.platform.split('/')[1] ?? target.platform;
  const purl = new PackageURL('oci', undefined, name, target.digest, qualifiers, undefined).toString();
  return { name, version, purl };
}
