/**
 * zod schemas for the JSON documents an image source reads: OCI index and manifest (image-spec
 * image-index.md, manifest.md), their Docker v2 twins (same shape, other media types), the image
 * config (config.md) and `docker save`'s manifest.json. Unknown fields pass through: the specs
 * allow extensions and we only read what the pipeline needs.
 */
import { z } from 'zod';
import type { ImageConfig } from './types.js';

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

export const INDEX_TYPES: ReadonlySet<string> = new Set([MEDIA.ociIndex, MEDIA.dockerList]);
export const MANIFEST_TYPES: ReadonlySet<string> = new Set([MEDIA.ociManifest, MEDIA.dockerManifest]);

const digest = z.string().regex(/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/, 'not a digest');

export const platformSchema = z.object({
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
});

export const descriptorSchema = z.object({
  mediaType: z.string(),
  digest,
  size: z.number().int().nonnegative(),
  annotations: z.record(z.string(), z.string()).optional(),
  platform: platformSchema.optional(),
});

export const indexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  manifests: z.array(descriptorSchema),
});

export const manifestSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
});

export const ociLayoutSchema = z.object({ imageLayoutVersion: z.string() });

export const dockerArchiveManifestSchema = z.array(
  z.object({
    Config: z.string(),
    RepoTags: z.array(z.string()).nullish(),
    Layers: z.array(z.string()),
  }),
);

const configSchema = z.object({
  created: z.string().optional(),
  os: z.string().optional(),
  architecture: z.string().optional(),
  variant: z.string().optional(),
  config: z
    .object({
      Env: z.array(z.string()).nullish(),
      Labels: z.record(z.string(), z.string()).nullish(),
      Entrypoint: z.array(z.string()).nullish(),
      Cmd: z.array(z.string()).nullish(),
      User: z.string().nullish(),
      WorkingDir: z.string().nullish(),
    })
    .nullish(),
  rootfs: z.object({ type: z.string(), diff_ids: z.array(digest) }),
  history: z
    .array(
      z.object({
        created: z.string().optional(),
        created_by: z.string().optional(),
        empty_layer: z.boolean().optional(),
      }),
    )
    .optional(),
});

/** The parts of a parsed image config that the pipeline uses. */
export function toImageConfig(raw: z.infer<typeof configSchema>): ImageConfig {
  return {
    created: raw.created,
    os: raw.os,
    architecture: raw.architecture,
    variant: raw.variant,
    diffIds: raw.rootfs.diff_ids,
    history: (raw.history ?? []).map((h) => ({
      created: h.created,
      createdBy: h.created_by,
      emptyLayer: h.empty_layer,
    })),
    env: raw.config?.Env ?? [],
    labels: raw.config?.Labels ?? {},
    ...(raw.config?.Entrypoint ? { entrypoint: raw.config.Entrypoint } : {}),
    ...(raw.config?.Cmd ? { cmd: raw.config.Cmd } : {}),
    ...(raw.config?.User ? { user: raw.config.User } : {}),
    ...(raw.config?.WorkingDir ? { workingDir: raw.config.WorkingDir } : {}),
  };
}

export { configSchema };
