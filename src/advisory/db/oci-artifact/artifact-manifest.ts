/**
 * The advisory DB as an OCI artifact (image-spec manifest.md, "Guidelines for Artifact Usage"):
 * an image manifest whose `artifactType` names the DB, the empty config descriptor, one layer
 * holding the gzipped SQLite file, and annotations that say what is inside without pulling it.
 */
import { z } from 'zod';
import { InputError } from '../../../errors.js';

export const ARTIFACT_TYPE = 'application/vnd.cleanroom.advisory-db.v1+sqlite';
export const LAYER_MEDIA_TYPE = 'application/vnd.cleanroom.advisory-db.v1.sqlite+gzip';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

/** The spec's empty descriptor: the two bytes `{}`, for artifacts that have no config. */
export const EMPTY_CONFIG = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
  data: 'e30=',
} as const;

/** Annotation keys: the OCI pre-defined ones, and ours in reverse-domain notation as the spec asks. */
export const ANNOTATION = {
  created: 'org.opencontainers.image.created',
  title: 'org.opencontainers.image.title',
  description: 'org.opencontainers.image.description',
  schemaVersion: 'dev.cleanroom.advisory-db.schema-version',
  feeds: 'dev.cleanroom.advisory-db.feeds',
  dbDigest: 'dev.cleanroom.advisory-db.sqlite.digest',
  dbSize: 'dev.cleanroom.advisory-db.sqlite.size',
} as const;

const digestSchema = z.string().regex(/^sha256:[a-f0-9]{64}$/, 'a sha256 digest');
const descriptorSchema = z.object({
  mediaType: z.string(),
  digest: digestSchema,
  size: z.number().int().nonnegative(),
  annotations: z.record(z.string(), z.string()).optional(),
});
const manifestSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.literal(OCI_MANIFEST).optional(),
  artifactType: z.string().optional(),
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
  annotations: z.record(z.string(), z.string()).optional(),
});

export type ArtifactDescriptor = z.infer<typeof descriptorSchema>;

/** What a pull needs of the manifest: the DB layer and the annotations. */
export interface ArtifactContents {
  layer: ArtifactDescriptor;
  annotations: Record<string, string>;
}

/** The manifest bytes for one gzipped DB blob; the same inputs give the same bytes (and digest). */
export function artifactManifest(layer: ArtifactDescriptor, annotations: Record<string, string>): Buffer {
  const doc = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: ARTIFACT_TYPE,
    config: EMPTY_CONFIG,
    layers: [layer],
    annotations,
  };
  return Buffer.from(JSON.stringify(doc));
}

/** Parses a pulled manifest; InputError naming `ref` when it is not a cleanroom advisory DB artifact. */
export function parseArtifactManifest(bytes: Buffer, ref: string): ArtifactContents {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InputError(`the manifest of ${ref} is not valid JSON`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success)
    throw new InputError(
      `the manifest of ${ref} is not an OCI image manifest (${parsed.error.issues[0]?.message})`,
    );
  const doc = parsed.data;
  // artifacts written before artifactType existed carry their type as the config's media type
  const type = doc.artifactType ?? doc.config.mediaType;
  const layers = doc.layers.filter((l) => l.mediaType === LAYER_MEDIA_TYPE);
  if (type !== ARTIFACT_TYPE || layers.length !== 1)
    throw new InputError(
      `${ref} is not a cleanroom advisory DB artifact (artifact type ${type}, expected ${ARTIFACT_TYPE})`,
    );
  return { layer: layers[0]!, annotations: doc.annotations ?? {} };
}
