/**
 * `--format cyclonedx-json`: CycloneDX 1.6 JSON (https://cyclonedx.org/docs/1.6/json/), written
 * by hand. Validated against schemas/cyclonedx-bom-1.6.schema.json by the tests.
 */
import type { Inventory, Package } from '../../catalog/types.js';
import { SCANNER } from '../../scanner.js';
import { documentUuid } from './document-id.js';
import { imageIdentity } from './image-identity.js';
import { spdxExpression, spdxLicenseId } from './spdx-license.js';
import type { RenderContext, SbomFormat } from './types.js';

type Property = { name: string; value: string };
type License = { license: { id: string } | { name: string } } | { expression: string };

// One compound expression must stand alone in the array (the schema's oneOf); otherwise one
// entry per licence, by SPDX id where it is one and by name where it is not.
function cdxLicenses(licenses: string[]): License[] | undefined {
  if (licenses.length === 0) return undefined;
  if (licenses.length === 1 && !spdxLicenseId(licenses[0]!)) {
    const expression = spdxExpression(licenses[0]!);
    if (expression) return [{ expression }];
  }
  return licenses.map((l) => {
    const id = spdxLicenseId(l);
    return { license: id ? { id } : { name: l } };
  });
}

// Property names follow the `tool:area:field` convention other scanners use in CycloneDX.
function packageProperties(p: Package): Property[] {
  const props: Property[] = [
    { name: 'cleanroom:package:type', value: p.type },
    { name: 'cleanroom:package:foundBy', value: p.foundBy },
  ];
  if (p.arch) props.push({ name: 'cleanroom:package:arch', value: p.arch });
  if (p.source) {
    props.push({ name: 'cleanroom:source:name', value: p.source.name });
    props.push({ name: 'cleanroom:source:version', value: p.source.version });
  }
  if (p.layer) props.push({ name: 'cleanroom:layer', value: p.layer });
  p.locations.forEach((path, i) => props.push({ name: `cleanroom:location:${i}:path`, value: path }));
  return props;
}

function uniqueRef(taken: Set<string>, wanted: string): string {
  let ref = wanted;
  for (let n = 2; taken.has(ref); n++) ref = `${wanted}#${n}`;
  taken.add(ref);
  return ref;
}

/** Builds the CycloneDX 1.6 document (a plain object) for an inventory. */
export function toCycloneDx(inventory: Inventory, now: Date): Record<string, unknown> {
  const { target, distro } = inventory;
  const image = imageIdentity(target);
  const refs = new Set<string>();
  const imageRef = uniqueRef(refs, image.purl ?? `image:${image.name}@${image.version}`);
  const imageProps: Property[] = [
    { name: 'cleanroom:image:reference', value: target.reference },
    { name: 'cleanroom:image:source', value: target.source },
    ...target.tags.map((value) => ({ name: 'cleanroom:image:tag', value })),
    ...target.layers.map((l, i) => ({ name: `cleanroom:image:layer:${i}:diffId`, value: l.diffId })),
  ];
  if (target.platform) imageProps.push({ name: 'cleanroom:image:platform', value: target.platform });
  const sha256 = target.digest?.startsWith('sha256:') ? target.digest.slice(7) : undefined;
  const components: Record<string, unknown>[] = [];
  if (distro) {
    components.push({
      type: 'operating-system',
      'bom-ref': uniqueRef(refs, `os:${distro.id}@${distro.versionId ?? distro.codename ?? ''}`),
      name: distro.id,
      version: distro.versionId ?? distro.codename,
      description: distro.prettyName,
    });
  }
  for (const p of inventory.packages) {
    components.push({
      type: 'library',
      'bom-ref': uniqueRef(refs, p.purl || `${p.type}:${p.name}@${p.version}`),
      name: p.name,
      version: p.version,
      licenses: cdxLicenses(p.licenses),
      purl: p.purl || undefined,
      properties: packageProperties(p),
    });
  }
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${documentUuid(target, now)}`,
    version: 1,
    metadata: {
      timestamp: now.toISOString(),
      tools: { components: [{ type: 'application', name: SCANNER.name, version: SCANNER.version }] },
      component: {
        type: 'container',
        'bom-ref': imageRef,
        name: image.name,
        version: image.version,
        purl: image.purl,
        hashes: sha256 ? [{ alg: 'SHA-256', content: sha256 }] : undefined,
        properties: imageProps,
      },
    },
    components,
  };
}

/** `--format cyclonedx-json`. */
export const cyclonedxFormat: SbomFormat = {
  name: 'cyclonedx-json',
  description: 'CycloneDX 1.6 JSON',
  render: (inventory: Inventory, ctx: RenderContext) =>
    `${JSON.stringify(toCycloneDx(inventory, ctx.now), null, 2)}\n`,
};
