/**
 * cleanroom's own SBOM format (`--format json`), defined once with zod: the schema is the
 * documentation (docs/formats.md) and the reader, so `scan` can take this file back as input.
 */
import { z } from 'zod';

const packageTypes = [
  'apk',
  'deb',
  'rpm',
  'pypi',
  'npm',
  'golang',
  'maven',
  'cargo',
  'gem',
  'nuget',
  'composer',
  'generic',
] as const;

const metadataSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('apk'),
    origin: z.string().optional(),
    maintainer: z.string().optional(),
    installedSize: z.number().optional(),
    commit: z.string().optional(),
  }),
  z.object({
    kind: z.literal('deb'),
    status: z.string().optional(),
    maintainer: z.string().optional(),
    installedSize: z.number().optional(),
    multiArch: z.string().optional(),
  }),
  z.object({
    kind: z.literal('rpm'),
    epoch: z.number().optional(),
    version: z.string(),
    release: z.string(),
    sourceRpm: z.string().optional(),
    vendor: z.string().optional(),
    modularityLabel: z.string().optional(),
  }),
  z.object({ kind: z.literal('python'), summary: z.string().optional(), homePage: z.string().optional() }),
  z.object({ kind: z.literal('npm'), private: z.boolean().optional(), homepage: z.string().optional() }),
  z.object({ kind: z.literal('gem'), summary: z.string().optional(), homepage: z.string().optional() }),
]);

/** One package of the inventory, as written in the file. */
export const sbomPackageSchema = z.object({
  name: z.string().min(1),
  version: z.string(),
  type: z.enum(packageTypes),
  purl: z.string(),
  source: z.object({ name: z.string(), version: z.string() }).optional(),
  arch: z.string().optional(),
  licenses: z.array(z.string()),
  locations: z.array(z.string()),
  layer: z.string().optional(),
  foundBy: z.string(),
  metadata: metadataSchema.optional(),
});

/** The scanned image (or folder): where it came from and what it is made of. */
export const sbomTargetSchema = z.object({
  reference: z.string(),
  source: z.string(),
  digest: z.string().optional(),
  tags: z.array(z.string()),
  created: z.string().optional(),
  platform: z.string().optional(),
  sizeBytes: z.number().int().nonnegative().optional(),
  layers: z.array(
    z.object({
      digest: z.string(),
      diffId: z.string(),
      size: z.number().int().nonnegative(),
      mediaType: z.string(),
      createdBy: z.string().optional(),
    }),
  ),
});

/** The whole cleanroom JSON SBOM, schema version 1. */
/** The image's operating system (os-release). */
export const sbomDistroSchema = z.object({
  id: z.string(),
  versionId: z.string().optional(),
  codename: z.string().optional(),
  idLike: z.array(z.string()).optional(),
  prettyName: z.string().optional(),
});

/** A per-file problem that did not stop the run. */
export const sbomWarningSchema = z.object({ source: z.string(), message: z.string() });

export const sbomDocumentSchema = z.object({
  schemaVersion: z.literal('1'),
  scanner: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.string(),
  target: sbomTargetSchema,
  distro: sbomDistroSchema.optional(),
  packages: z.array(sbomPackageSchema),
  warnings: z.array(sbomWarningSchema),
});

export type SbomDocument = z.infer<typeof sbomDocumentSchema>;
