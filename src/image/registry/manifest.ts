/**
 * Manifests as the distribution API serves them: OCI image manifest and index (image-spec
 * manifest.md, image-index.md) and their Docker v2 twins (schema 2 manifest and manifest list).
 * The schemas and platform rules are the image stage's own (shared with OCI layouts); what is
 * registry-specific is telling the kinds apart by Content-Type and naming the platforms present.
 */
import { InputError } from '../../errors.js';
import { INDEX_TYPES, MEDIA, indexSchema, manifestSchema } from '../manifest-schemas.js';
import { parseJson } from '../parse-json.js';
import { formatPlatform } from '../reader/target-info.js';
import { platformMatches } from '../sources/oci-layout/platform.js';
import type { Descriptor, Platform } from '../types.js';

/** The Accept header of a manifest request: every kind we can read. */
export const MANIFEST_ACCEPT = [
  MEDIA.ociIndex,
  MEDIA.ociManifest,
  MEDIA.dockerList,
  MEDIA.dockerManifest,
].join(', ');

export type ParsedManifest =
  { kind: 'image'; config: Descriptor; layers: Descriptor[] } | { kind: 'index'; manifests: Descriptor[] };

/** Parses manifest bytes; the kind comes from the document's mediaType, else Content-Type, else its shape. */
export function parseManifest(bytes: Buffer, contentType: string | undefined, what: string): ParsedManifest {
  let doc: { mediaType?: unknown; schemaVersion?: unknown; manifests?: unknown };
  try {
    doc = JSON.parse(bytes.toString('utf8')) as typeof doc;
  } catch {
    throw new InputError(`the manifest of ${what} is not valid JSON`);
  }
  if (doc.schemaVersion === 1)
    throw new InputError(`the manifest of ${what} uses Docker schema 1, which is not supported`);
  const type =
    (typeof doc.mediaType === 'string' ? doc.mediaType : undefined) ?? contentType?.split(';')[0]?.trim();
  const isIndex = type !== undefined && INDEX_TYPES.has(type) ? true : Array.isArray(doc.manifests);
  if (isIndex)
    return { kind: 'index', manifests: parseJson(bytes, indexSchema, `the index of ${what}`).manifests };
  const image = parseJson(bytes, manifestSchema, `the manifest of ${what}`);
  return { kind: 'image', config: image.config, layers: image.layers };
}

/** Chooses the manifest of an index for a platform; InputError listing those present when absent. */
export function choosePlatform(manifests: Descriptor[], wanted: Platform, what: string): Descriptor {
  // buildx attaches attestations as platform unknown/unknown: they are not images
  const candidates = manifests.filter((m) => m.platform && m.platform.os !== 'unknown');
  const match = candidates.find((m) => m.platform && platformMatches(m.platform, wanted));
  if (match) return match;
  const present = [...new Set(candidates.map((m) => formatPlatform(m.platform as Platform)))];
  throw new InputError(
    `${what} has no image for platform ${formatPlatform(wanted)}; present: ${present.length ? present.join(', ') : 'none'}`,
  );
}
