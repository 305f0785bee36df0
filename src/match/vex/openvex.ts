/**
 * OpenVEX documents: https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md (0.2.0). The
 * earlier 0.0.x shape (vulnerability and products as plain strings) is read as well, since
 * tools still write it.
 */
import { z } from 'zod';
import type { VexDocumentStatement, VexProduct } from './types.js';

const componentRef = z.union([
  z.string().min(1),
  z.object({
    '@id': z.string().min(1).optional(),
    identifiers: z.object({ purl: z.string().optional() }).loose().optional(),
  }),
]);

const productSchema = z.union([
  z.string().min(1),
  z.object({
    '@id': z.string().min(1).optional(),
    identifiers: z.object({ purl: z.string().optional() }).loose().optional(),
    subcomponents: z.array(componentRef).optional(),
  }),
]);

const statementSchema = z.object({
  '@id': z.string().optional(),
  vulnerability: z.union([
    z.string().min(1),
    z.object({
      '@id': z.string().optional(),
      name: z.string().min(1),
      aliases: z.array(z.string()).optional(),
    }),
  ]),
  products: z.array(productSchema).optional(),
  status: z.enum(['not_affected', 'affected', 'fixed', 'under_investigation']),
  justification: z.string().optional(),
  impact_statement: z.string().optional(),
  action_statement: z.string().optional(),
  timestamp: z.string().optional(),
  last_updated: z.string().optional(),
});

/** The parts of an OpenVEX document cleanroom reads. */
export const openVexDocumentSchema = z.object({
  '@context': z.string().regex(/openvex/i, 'is not an OpenVEX context'),
  '@id': z.string().optional(),
  timestamp: z.string().optional(),
  last_updated: z.string().optional(),
  statements: z.array(statementSchema),
});
export type OpenVexDocument = z.infer<typeof openVexDocumentSchema>;

function refId(ref: z.infer<typeof componentRef>): string | undefined {
  return typeof ref === 'string' ? ref : (ref['@id'] ?? ref.identifiers?.purl);
}

function toProduct(p: z.infer<typeof productSchema>): VexProduct | undefined {
  if (typeof p === 'string') return { id: p, subcomponents: [] };
  const id = refId(p);
  if (!id) return undefined;
  const subcomponents = (p.subcomponents ?? []).map(refId).filter((s): s is string => Boolean(s));
  return { id, subcomponents };
}

/** Turns a validated OpenVEX document into statements; `source` names the file for the findings. */
export function openVexStatements(doc: OpenVexDocument, source: string): VexDocumentStatement[] {
  const docTime = doc.last_updated ?? doc.timestamp;
  return doc.statements.map((s) => {
    const v = typeof s.vulnerability === 'string' ? { name: s.vulnerability } : s.vulnerability;
    const aliases = [...('@id' in v && v['@id'] ? [v['@id']] : []), ...(('aliases' in v && v.aliases) || [])];
    return {
      vulnerability: v.name,
      aliases,
      products: (s.products ?? []).map(toProduct).filter((p): p is VexProduct => Boolean(p)),
      status: s.status,
      justification: s.justification,
      impactStatement: s.impact_statement,
      actionStatement: s.action_statement,
      timestamp: s.last_updated ?? s.timestamp ?? docTime,
      source,
    };
  });
}
