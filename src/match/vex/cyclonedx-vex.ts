/**
 * CycloneDX VEX: a BOM whose `vulnerabilities[]` carry an `analysis`
 * (https://cyclonedx.org/docs/1.6/json/#vulnerabilities). `affects[].ref` names a component of
 * the same BOM by bom-ref (or a BOM-Link `urn:cdx:…#ref` to another BOM); we resolve it to the
 * component's purl so it can be compared with packages, and keep it as written otherwise.
 */
import { z } from 'zod';
import type { VexStatement } from '../types.js';
import type { VexDocumentStatement } from './types.js';

interface CdxComponent {
  'bom-ref'?: string;
  purl?: string;
  components?: CdxComponent[];
}
const componentSchema: z.ZodType<CdxComponent> = z.lazy(() =>
  z.object({
    'bom-ref': z.string().optional(),
    purl: z.string().optional(),
    components: z.array(componentSchema).optional(),
  }),
);

const vulnerabilitySchema = z.object({
  id: z.string().min(1),
  references: z.array(z.object({ id: z.string() })).optional(),
  updated: z.string().optional(),
  published: z.string().optional(),
  analysis: z
    .object({
      state: z.enum([
        'resolved',
        'resolved_with_pedigree',
        'exploitable',
        'in_triage',
        'false_positive',
        'not_affected',
      ]),
      justification: z.string().optional(),
      response: z.array(z.string()).optional(),
      detail: z.string().optional(),
      firstIssued: z.string().optional(),
      lastUpdated: z.string().optional(),
    })
    .optional(),
  affects: z.array(z.object({ ref: z.string().min(1) })).optional(),
});

/** The parts of a CycloneDX (VEX) BOM cleanroom reads. */
export const cycloneDxVexSchema = z.object({
  bomFormat: z.literal('CycloneDX'),
  metadata: z.object({ timestamp: z.string().optional(), component: componentSchema.optional() }).optional(),
  components: z.array(componentSchema).optional(),
  vulnerabilities: z.array(vulnerabilitySchema).optional(),
});
export type CycloneDxVexDocument = z.infer<typeof cycloneDxVexSchema>;

const STATE_TO_STATUS: Record<string, VexStatement['status']> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
};

function indexComponents(list: CdxComponent[] | undefined, into: Map<string, string>): void {
  for (const c of list ?? []) {
    if (c['bom-ref'] && c.purl) into.set(c['bom-ref'], c.purl);
    indexComponents(c.components, into);
  }
}

function resolveRef(ref: string, purls: Map<string, string>): string {
  // a BOM-Link names a component of another BOM: its fragment is that component's bom-ref
  const local =
    ref.startsWith('urn:cdx:') && ref.includes('#')
      ? decodeURIComponent(ref.slice(ref.indexOf('#') + 1))
      : ref;
  return purls.get(local) ?? local;
}

/** Turns a validated CycloneDX BOM into VEX statements (vulnerabilities without analysis are skipped). */
export function cycloneDxVexStatements(doc: CycloneDxVexDocument, source: string): VexDocumentStatement[] {
  const purls = new Map<string, string>();
  indexComponents(doc.metadata?.component ? [doc.metadata.component] : [], purls);
  indexComponents(doc.components, purls);
  const out: VexDocumentStatement[] = [];
  for (const v of doc.vulnerabilities ?? []) {
    const a = v.analysis;
    if (!a) continue;
    out.push({
      vulnerability: v.id,
      aliases: (v.references ?? []).map((r) => r.id),
      products: (v.affects ?? []).map((x) => ({ id: resolveRef(x.ref, purls), subcomponents: [] })),
      status: STATE_TO_STATUS[a.state] ?? 'under_investigation',
      justification: a.justification,
      impactStatement: a.detail ?? (a.state === 'false_positive' ? 'false positive' : undefined),
      actionStatement: a.response?.join(', '),
      timestamp: a.lastUpdated ?? a.firstIssued ?? v.updated ?? v.published ?? doc.metadata?.timestamp,
      source,
    });
  }
  return out;
}
