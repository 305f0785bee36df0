import { z } from 'zod';
import { InputError } from '../errors.js';
import { inventoryFromCdx, type CdxComponent } from './cyclonedx.js';
import type { SbomReader } from './types.js';

interface JsonComponent {
  type?: string;
  name?: string;
  version?: string;
  purl?: string;
  licenses?: { license?: { id?: string; name?: string }; expression?: string }[];
  properties?: { name: string; value?: string }[];
  components?: JsonComponent[];
}

const component: z.ZodType<JsonComponent> = z.lazy(() =>
  z.object({
    type: z.string().optional(),
    name: z.string().optional(),
    version: z.string().optional(),
    purl: z.string().optional(),
    licenses: z
      .array(
        z.object({
          license: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
          expression: z.string().optional(),
        }),
      )
      .optional(),
    properties: z.array(z.object({ name: z.string(), value: z.string().optional() })).optional(),
    components: z.array(component).optional(),
  }),
);

const bom = z.object({
  bomFormat: z.literal('CycloneDX'),
  metadata: z.object({ timestamp: z.string().optional(), component: component.optional() }).optional(),
  components: z.array(component).optional(),
});

function toCdx(c: JsonComponent): CdxComponent {
  const properties: Record<string, string[]> = {};
  for (const p of c.properties ?? []) (properties[p.name] ??= []).push(p.value ?? '');
  return {
    type: c.type,
    name: c.name,
    version: c.version,
    purl: c.purl,
    licenses: (c.licenses ?? []).flatMap((l) => l.expression ?? l.license?.id ?? l.license?.name ?? []),
    properties,
    components: (c.components ?? []).map(toCdx),
  };
}

/** CycloneDX JSON (any 1.x version), as Syft, Trivy, cdxgen and cleanroom write it. */
export const cyclonedxJsonReader: SbomReader = {
  name: 'cyclonedx-json',
  detect: (doc) =>
    typeof doc === 'object' && doc !== null && (doc as { bomFormat?: unknown }).bomFormat === 'CycloneDX',
  read(doc, _text, file) {
    const parsed = bom.safeParse(doc);
    if (!parsed.success)
      throw new InputError(`${file} is not a valid CycloneDX document: ${parsed.error.issues[0]?.message}`);
    const subject = parsed.data.metadata?.component;
    return inventoryFromCdx(
      (parsed.data.components ?? []).map(toCdx),
      {
        reference: subject?.name ?? file,
        digest: subject?.version?.startsWith('sha256:') ? subject.version : undefined,
        created: parsed.data.metadata?.timestamp,
      },
      file,
    );
  },
};
