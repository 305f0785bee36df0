import { z } from 'zod';
import type { Package } from '../catalog/types.js';
import { InputError } from '../errors.js';
import { distroFromPackages, packageFromFacts } from './package-from-purl.js';
import type { SbomReader } from './types.js';

const artifact = z.object({
  name: z.string(),
  version: z.string(),
  purl: z.string().optional(),
  licenses: z.array(z.union([z.string(), z.object({ value: z.string() })])).optional(),
  locations: z.array(z.object({ path: z.string(), layerID: z.string().optional() })).optional(),
  metadata: z
    .object({
      source: z.string().optional(),
      sourceVersion: z.string().optional(),
      originPackage: z.string().optional(),
      sourceRpm: z.string().optional(),
    })
    .loose()
    .nullish(),
});
const syftDocument = z.object({
  artifacts: z.array(artifact),
  distro: z.object({ id: z.string().optional(), versionID: z.string().optional() }).optional(),
  source: z
    .object({
      name: z.string().optional(),
      metadata: z.object({ userInput: z.string().optional() }).loose().optional(),
    })
    .loose()
    .optional(),
});

/** Syft's own JSON (`syft -o json`): artifacts with locations, layers and source packages. */
export const syftJsonReader: SbomReader = {
  name: 'syft-json',
  detect: (doc) =>
    typeof doc === 'object' &&
    doc !== null &&
    Array.isArray((doc as { artifacts?: unknown }).artifacts) &&
    typeof (doc as { schema?: { url?: unknown } }).schema?.url === 'string',
  read(doc, _text, file) {
    const parsed = syftDocument.safeParse(doc);
    if (!parsed.success)
      throw new InputError(`${file} is not a valid Syft JSON document: ${parsed.error.issues[0]?.message}`);
    const packages: Package[] = [];
    for (const a of parsed.data.artifacts) {
      const pkg = packageFromFacts({
        name: a.name,
        version: a.version,
        purl: a.purl,
        licenses: (a.licenses ?? []).map((l) => (typeof l === 'string' ? l : l.value)),
        locations: (a.locations ?? []).map((l) => l.path),
        layer: a.locations?.[0]?.layerID,
        sourceName: a.metadata?.source ?? a.metadata?.originPackage,
        sourceVersion: a.metadata?.sourceVersion,
        foundBy: 'syft',
      });
      if (pkg) packages.push(pkg);
    }
    const d = parsed.data.distro;
    const reference = parsed.data.source?.metadata?.userInput ?? parsed.data.source?.name ?? file;
    return {
      target: { reference, source: 'sbom', tags: [], layers: [] },
      distro: d?.id ? { id: d.id, versionId: d.versionID } : distroFromPackages(packages),
      packages,
      warnings: [],
    };
  },
};
