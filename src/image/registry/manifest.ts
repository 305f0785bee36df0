/**
 * Manifests as the distribution API serves them: OCI image manifest and index (image-spec
 * manifest.md, image-index.md) and their Docker v2 twins (schema 2 manifest and manifest list).
 * Validated with zod; the platform choice for an index is a pure function here.
 */
import { z } from 'zod';
import { InputError } from '../../errors.js';
import type { Descriptor, Platform } from '../types.js';

export const MEDIA = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;

/** The Accept header of a manifest request: every kind we can read. */
export const MANIFEST_ACCEPT = [
  MEDIA.ociIndex,
  MEDIA.ociManifest,
  MEDIA.dockerList,
  MEDIA.dockerManifest,
].join(', ');

const platformSchema = z.object({
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
});

const descriptorSchema = z.object({
  mediaType: z.string(),
  digest: z.string().regex(/^sha(256|512):[a-f0-9]+$/),
  size: z.number().int().nonnegative(),
  annotations: z.record(z.string(), z.string()).optional(),
  platform: platformSchema.optional(),
});

const imageManifestSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
});

const indexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  manifests: z.array(descriptorSchema),
});

export type ParsedManifest =
  { kind: 'image'; config: Descriptor; layers: Descriptor[] } | { kind: 'index'; manifests: Descriptor[] };

/** Parses manifest bytes; the media type comes from Content-Type or the document itself. */
export function parseManifest(bytes: Buffer, contentType: string | undefined, what: string): ParsedManifest {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InputError(`the manifest of ${what} is not valid JSON`);
  }
  const declared = (doc as { mediaType?: unknown }).mediaType;
  const type = (typeof declared === 'string' ? declared : undefined) ?? contentType?.split(';')[0]?.trim();
  const isIndex =
    type === MEDIA.ociIndex ||
    type === MEDIA.dockerList ||
    (!type && Array.isArray((doc as { manifests?: unknown }).manifests));
  if ((doc as { schemaVersion?: unknown }).schemaVersion === 1) {
    throw new InputError(`the manifest of ${what} uses Docker schema 1, which is not supported`);
  }
  const parsed = isIndex ? indexSchema.safeParse(doc) : imageManifestSchema.safeParse(doc);
  if (!parsed.success) {
    throw new InputError(
      `the manifest of ${what} is not a valid image manifest or index: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  return 'manifests' in parsed.data
    ? { kind: 'index', manifests: parsed.data.manifests }
    : { kind: 'image', config: parsed.data.config, layers: parsed.data.layers };
}

/** Parses `os/arch[/variant]`; the default platform is linux/amd64. */
export function parsePlatform(text: string | undefined): Platform {
  const [os, architecture, variant, extra] = (text ?? 'linux/amd64').split('/');
  if (!os || !architecture || extra !== undefined || variant === '') {
    throw new InputError(
      `invalid platform "${text}": expected os/arch or os/arch/variant, e.g. linux/arm64/v8`,
    );
  }
  return { os, architecture, ...(variant ? { variant } : {}) };
}

/** The text form of a platform, `linux/arm64/v8`. */
export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

// arm64 without a variant means v8, as containerd's platform matcher normalises it.
function normalVariant(p: Platform): string | undefined {
  return p.variant ?? (p.architecture === 'arm64' ? 'v8' : undefined);
}

/** Chooses the manifest of an index for a platform; InputError listing those present when absent. */
export function choosePlatform(manifests: Descriptor[], wanted: Platform, what: string): Descriptor {
  const candidates = manifests.filter((m) => m.platform && m.platform.os !== 'unknown');
  const sameArch = candidates.filter(
    (m) => m.platform?.os === wanted.os && m.platform.architecture === wanted.architecture,
  );
  const match = wanted.variant
    ? sameArch.find((m) => m.platform && normalVariant(m.platform) === normalVariant(wanted))
    : (sameArch.find((m) => m.platform && normalVariant(m.platform) === normalVariant(wanted)) ??
      sameArch[0]);
  if (match) return match;
  const present = candidates.map((m) => formatPlatform(m.platform as Platform));
  throw new InputError(
    `${what} has no image for platform ${formatPlatform(wanted)}; present: ${present.length ? [...new Set(present)].join(', ') : 'none'}`,
  );
}
