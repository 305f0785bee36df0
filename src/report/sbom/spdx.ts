/**
 * `--format spdx-json`: SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/), written by hand.
 * Validated against schemas/spdx-2.3.schema.json by the tests.
 */
import type { Inventory, Package } from '../../catalog/types.js';
import { SCANNER } from '../../scanner.js';
import { documentUuid, nameBasedUuid } from './document-id.js';
import { imageIdentity } from './image-identity.js';
import { licenseDeclared, type ExtractedLicense } from './spdx-license-declared.js';
import type { RenderContext, SbomFormat } from './types.js';

const NOASSERTION = 'NOASSERTION';

// SPDX ids allow letters, digits, `.` and `-` only; a short hash keeps ids of look-alike names apart.
function spdxId(kind: string, label: string, taken: Set<string>): string {
  const safe = label.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
  let id = `SPDXRef-${kind}-${safe}-${nameBasedUuid(kind, label).slice(0, 8)}`;
  for (let n = 2; taken.has(id); n++) id = `SPDXRef-${kind}-${safe}-${n}`;
  taken.add(id);
  return id;
}

function packageElement(p: Package, id: string, extracted: Map<string, ExtractedLicense>) {
  const where = p.locations.length ? `: ${p.locations.join(', ')}` : '';
  return {
    SPDXID: id,
    name: p.name,
    versionInfo: p.version,
    supplier: NOASSERTION,
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    licenseConcluded: NOASSERTION,
    licenseDeclared: licenseDeclared(p.licenses, extracted),
    copyrightText: NOASSERTION,
    sourceInfo: `acquired package info from ${p.foundBy}${where}`,
    comment: p.layer ? `layer: ${p.layer}` : undefined,
    primaryPackagePurpose: 'LIBRARY',
    externalRefs: p.purl
      ? [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl }]
      : undefined,
  };
}

/** Builds the SPDX 2.3 document (a plain object) for an inventory. */
export function toSpdx(inventory: Inventory, now: Date): Record<string, unknown> {
  const { target, distro } = inventory;
  const image = imageIdentity(target);
  const taken = new Set<string>();
  const extracted = new Map<string, ExtractedLicense>();
  const imageId = spdxId('Image', image.name, taken);
  // the image and its OS are described by what they are, not by a licence or download of their own
  const unknowns = {
    supplier: NOASSERTION,
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    licenseConcluded: NOASSERTION,
    licenseDeclared: NOASSERTION,
    copyrightText: NOASSERTION,
  };
  const packages: Record<string, unknown>[] = [
    {
      SPDXID: imageId,
      name: image.name,
      versionInfo: image.version,
      ...unknowns,
      primaryPackagePurpose: 'CONTAINER',
      comment: `reference: ${target.reference}${target.digest ? `, digest: ${target.digest}` : ''}`,
      externalRefs: image.purl
        ? [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: image.purl }]
        : undefined,
    },
  ];
  const contained: string[] = [];
  if (distro) {
    const id = spdxId('OperatingSystem', distro.id, taken);
    const version = distro.versionId ?? distro.codename;
    packages.push({
      SPDXID: id,
      name: distro.id,
      versionInfo: version,
      ...unknowns,
      primaryPackagePurpose: 'OPERATING_SYSTEM',
    });
    contained.push(id);
  }
  for (const p of inventory.packages) {
    const id = spdxId('Package', `${p.type}-${p.name}-${p.version}`, taken);
    packages.push(packageElement(p, id, extracted));
    contained.push(id);
  }
  // the creation time has whole seconds in SPDX (YYYY-MM-DDThh:mm:ssZ)
  const created = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: `${image.name}-${image.version}`,
    documentNamespace: `https://spdx.org/spdxdocs/cleanroom-${image.name}-${documentUuid(target, now)}`,
    creationInfo: { created, creators: [`Tool: ${SCANNER.name}-${SCANNER.version}`] },
    packages,
    hasExtractedLicensingInfos: extracted.size ? [...extracted.values()] : undefined,
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: imageId },
      ...contained.map((id) => ({
        spdxElementId: imageId,
        relationshipType: 'CONTAINS',
        relatedSpdxElement: id,
      })),
    ],
  };
}

/** `--format spdx-json`. */
export const spdxFormat: SbomFormat = {
  name: 'spdx-json',
  description: 'SPDX 2.3 JSON',
  render: (inventory: Inventory, ctx: RenderContext) =>
    `${JSON.stringify(toSpdx(inventory, ctx.now), null, 2)}\n`,
};
