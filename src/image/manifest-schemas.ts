/**
 * The shapes of the JSON documents an image source reads: OCI index and manifest (image-spec
 * image-index.md, manifest.md), their Docker v2 twins (same shape, other media types), the image
 * config (config.md) and `docker save`'s manifest.json. Unknown fields pass through: the specs
 * allow extensions and we only read what the pipeline needs.
 */
import {
  array,
  boolean,
  count,
  literal,
  matching,
  nullish,
  object,
  optional,
  record,
  string,
  type ShapeOf,
} from './json-shape.js';
import type { ImageConfig } from './types.js';

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

export const INDEX_TYPES: ReadonlySet<string> = new Set([MEDIA.ociIndex, MEDIA.dockerList]);
export const MANIFEST_TYPES: ReadonlySet<string> = new Set([MEDIA.ociManifest, MEDIA.dockerManifest]);

const digest = matching(/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/, 'not a digest');

export const platformSchema = object({
  os: string,
  architecture: string,
  variant: optional(string),
});

export const descriptorSchema = object({
  mediaType: string,
  digest,
  size: count,
  annotations: optional(record(string)),
  platform: optional(platformSchema),
});

export const indexSchema = object({
  schemaVersion: literal(2),
  mediaType: optional(string),
  manifests: array(descriptorSchema),
});

export const manifestSchema = object({
  schemaVersion: literal(2),
  mediaType: optional(string),
  config: descriptorSchema,
  layers: array(descriptorSchema),
});

export const ociLayoutSchema = object({ imageLayoutVersion: string });

export const dockerArchiveManifestSchema = array(
  object({
    Config: string,
    RepoTags: nullish(array(string)),
    Layers: array(string),
  }),
);

const configSchema = object({
  created: optional(string),
  os: optional(string),
  architecture: optional(string),
  variant: optional(string),
  config: nullish(
    object({
      Env: nullish(array(string)),
      Labels: nullish(record(string)),
      Entrypoint: nullish(array(string)),
      Cmd: nullish(array(string)),
      User: nullish(string),
      WorkingDir: nullish(string),
    }),
  ),
  rootfs: object({ type: string, diff_ids: array(digest) }),
  history: optional(
    array(
      object({
        created: optional(string),
        created_by: optional(string),
        empty_layer: optional(boolean),
      }),
    ),
  ),
});

/** The parts of a parsed image config that the pipeline uses. */
export function toImageConfig(raw: ShapeOf<typeof configSchema>): ImageConfig {
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
