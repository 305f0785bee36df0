import { z } from 'zod';
import type { Package } from '../catalog/types.js';
import { InputError } from '../errors.js';
import { distroFromPackages, packageFromFacts } from './package-from-purl.js';
import type { SbomReader } from './types.js';

const spdxPackage = z.object({
  name: z.string(),
  versionInfo: z.string().optional(),
  licenseDeclared: z.string().optional(),
  licenseConcluded: z.string().optional(),
  externalRefs: z
    .array(
      z.object({ referenceCategory: z.string(), referenceType: z.string(), referenceLocator: z.string() }),
    )
    .optional(),
});
const spdxDocument = z.object({
  spdxVersion: z.string().startsWith('SPDX-'),
  name: z.string().optional(),
  creationInfo: z.object({ created: z.string().optional() }).optional(),
  packages: z.array(spdxPackage).optional(),
});

const license = (l: string | undefined) => (l && l !== 'NOASSERTION' && l !== 'NONE' ? [l] : []);

/** SPDX 2.x JSON: packages with a purl external reference become inventory packages. */
export const spdxJsonReader: SbomReader = {
  name: 'spdx-json',
  detect: (doc) =>
    typeof doc === 'object' &&
    doc !== null &&
    typeof (doc as { spdxVersion?: unknown }).spdxVersion === 'string',
  read(doc, _text, file) {
    const parsed = spdxDocument.safeParse(doc);
    if (!parsed.success)
      throw new InputError(`${file} is not a valid SPDX JSON document: ${parsed.error.issues[0]?.message}`);
    const packages: Package[] = [];
    for (const p of parsed.data.packages ?? []) {
      const purl = p.externalRefs?.find((r) => r.referenceType === 'purl')?.referenceLocator;
      const pkg = packageFromFacts({
        name: p.name,
        version: p.versionInfo,
        purl,
        licenses: license(p.licenseDeclared).concat(license(p.licenseConcluded)).slice(0, 1),
        foundBy: 'spdx',
      });
      if (pkg) packages.push(pkg);
    }
    return {
      target: {
        reference: parsed.data.name ?? file,
        source: 'sbom',
        sbomCreated: parsed.data.creationInfo?.created,
        tags: [],
        layers: [],
      },
      distro: distroFromPackages(packages),
      packages,
      warnings: [],
    };
  },
};
