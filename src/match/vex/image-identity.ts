/**
 * How an image is named in VEX products: its manifest digest and an OCI purl
 * (https://github.com/package-url/purl-spec/blob/master/types-doc/oci-definition.md), built from
 * the reference the user scanned and its tags.
 */
import { PackageURL } from 'packageurl-js';
import type { TargetInfo } from '../../catalog/types.js';

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;

/** Whether a string is a content digest such as `sha256:…`. */
export function isDigest(s: string): boolean {
  return DIGEST.test(s);
}

/** Splits `[host/]path[:tag][@digest]` the way the Docker CLI does; host defaults to docker.io. */
export function splitImageReference(ref: string): {
  host: string;
  path: string;
  tag?: string;
  digest?: string;
} {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  let rest = at >= 0 ? ref.slice(0, at) : ref;
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split('/')[0] ?? '';
  const hasHost = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const host = hasHost ? first : 'docker.io';
  let path = hasHost ? rest.slice(first.length + 1) : rest;
  if (host === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return { host, path: path.toLowerCase(), tag, digest };
}

/** The OCI purl of an image reference (`pkg:oci/debian@sha256:…?repository_url=docker.io/library/debian&tag=12`). */
export function imagePurlFromReference(ref: string, digest?: string): string | undefined {
  if (!ref || ref.startsWith('/') || ref.startsWith('.') || /\.(tar|tgz|gz|json|xml)$/i.test(ref))
    return undefined;
  const r = splitImageReference(ref);
  const name = r.path.split('/').pop();
  if (!name) return undefined;
  const qualifiers: Record<string, string> = { repository_url: `${r.host}/${r.path}` };
  if (r.tag) qualifiers.tag = r.tag;
  return new PackageURL('oci', undefined, name, digest ?? r.digest, qualifiers, undefined).toString();
}

/** Every name VEX documents may use for the scanned image: digest and OCI purls; pass to `applyVex`. */
export function imageIdentities(target: TargetInfo): string[] {
  const ids = new Set<string>();
  if (target.digest) ids.add(target.digest);
  const refs = target.source === 'registry' ? [target.reference, ...target.tags] : target.tags;
  for (const ref of refs) {
    const purl = imagePurlFromReference(ref, target.digest);
    if (purl) ids.add(purl);
  }
  return [...ids];
}
