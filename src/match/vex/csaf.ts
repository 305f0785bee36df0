/**
 * CSAF 2.0 documents as VEX (https://docs.oasis-open.org/csaf/csaf/v2.0/os/csaf-v2.0-os.html),
 * what Red Hat, SUSE, Siemens and others publish: each vulnerability's `product_status` becomes
 * one statement per product: `known_not_affected` → not_affected (its `flags` label is the
 * justification, an `impact` threat the impact statement), `fixed`/`first_fixed` → fixed,
 * `known_affected`/`first_affected`/`last_affected` → affected (its remediations the action
 * statement), `under_investigation` → under_investigation.
 *
 * Products are named through the product tree: a product's `product_identification_helper` purl
 * or CPE. A relationship's product (`default_component_of`, `optional_component_of`,
 * `installed_on`, …) is its component's purl inside its platform: a platform that is an image
 * (`pkg:oci/…`) makes the component a subcomponent of that image; any other platform (an
 * operating system's CPE, an application) names the component's package wherever it is found.
 * Products with neither purl nor CPE (a vendor's appliance) are kept but match no finding.
 */
import { z } from 'zod';
import type { VexDocumentStatement, VexProduct } from './types.js';

const helper = z
  .object({ purl: z.string().optional(), purls: z.array(z.string()).optional(), cpe: z.string().optional() })
  .loose();
const fullProductName = z
  .object({
    product_id: z.string(),
    name: z.string().optional(),
    product_identification_helper: helper.optional(),
  })
  .loose();
interface Branch {
  product?: z.infer<typeof fullProductName>;
  branches?: Branch[];
}
const branch: z.ZodType<Branch> = z.lazy(() =>
  z.object({ product: fullProductName.optional(), branches: z.array(branch).optional() }).loose(),
);
const productIds = z.array(z.string()).optional();
const scoped = z
  .object({ product_ids: productIds, group_ids: productIds, date: z.string().optional() })
  .loose();

export const csafDocumentSchema = z.object({
  document: z
    .object({
      category: z.string(),
      csaf_version: z.literal('2.0'),
      tracking: z.object({ id: z.string(), current_release_date: z.string() }).loose(),
    })
    .loose(),
  product_tree: z
    .object({
      branches: z.array(branch).optional(),
      full_product_names: z.array(fullProductName).optional(),
      relationships: z
        .array(
          z
            .object({
              category: z.string(),
              product_reference: z.string(),
              relates_to_product_reference: z.string(),
              full_product_name: fullProductName,
            })
            .loose(),
        )
        .optional(),
      product_groups: z
        .array(z.object({ group_id: z.string(), product_ids: z.array(z.string()) }).loose())
        .optional(),
    })
    .loose()
    .optional(),
  vulnerabilities: z
    .array(
      z
        .object({
          cve: z.string().optional(),
          ids: z.array(z.object({ system_name: z.string(), text: z.string() }).loose()).optional(),
          product_status: z.record(z.string(), z.array(z.string())).optional(),
          flags: z.array(scoped.extend({ label: z.string() })).optional(),
          threats: z.array(scoped.extend({ category: z.string(), details: z.string() })).optional(),
          remediations: z.array(scoped.extend({ category: z.string(), details: z.string() })).optional(),
        })
        .loose(),
    )
    .optional(),
});
export type CsafDocument = z.infer<typeof csafDocumentSchema>;

const STATUS: Record<string, VexDocumentStatement['status']> = {
  known_not_affected: 'not_affected',
  fixed: 'fixed',
  first_fixed: 'fixed',
  known_affected: 'affected',
  first_affected: 'affected',
  last_affected: 'affected',
  under_investigation: 'under_investigation',
};

/** Whether a parsed JSON value looks like a CSAF document (it has `document.csaf_version`). */
export function looksLikeCsaf(raw: unknown): boolean {
  const doc = (raw as { document?: { csaf_version?: unknown } } | null)?.document;
  return typeof doc === 'object' && doc !== null && 'csaf_version' in doc;
}

/** Turns a CSAF document into VEX statements, one per (vulnerability, product); `source` names the file. */
export function csafVexStatements(doc: CsafDocument, source: string): VexDocumentStatement[] {
  const products = productIndex(doc);
  const groups = new Map((doc.product_tree?.product_groups ?? []).map((g) => [g.group_id, g.product_ids]));
  const covers = (s: z.infer<typeof scoped>, pid: string) =>
    (!s.product_ids && !s.group_ids) ||
    s.product_ids?.includes(pid) ||
    (s.group_ids ?? []).some((g) => groups.get(g)?.includes(pid));
  const out: VexDocumentStatement[] = [];
  for (const v of doc.vulnerabilities ?? []) {
    const ids = (v.ids ?? []).map((i) => i.text);
    const vulnerability = v.cve ?? ids[0];
    if (!vulnerability) continue; // a vulnerability without any id cannot match a finding
    const aliases = ids.filter((id) => id !== vulnerability);
    for (const [list, pids] of Object.entries(v.product_status ?? {})) {
      const status = STATUS[list];
      if (!status) continue; // `recommended` names what to install, not a status
      for (const pid of pids) {
        const flag = status === 'not_affected' ? v.flags?.find((f) => covers(f, pid)) : undefined;
        const impact = v.threats?.find((t) => t.category === 'impact' && covers(t, pid));
        const remedies = (v.remediations ?? []).filter((r) => covers(r, pid));
        out.push({
          vulnerability,
          aliases,
          products: products(pid),
          status,
          ...(flag ? { justification: flag.label } : {}),
          ...(impact && status === 'not_affected' ? { impactStatement: impact.details } : {}),
          ...(remedies.length && status === 'affected'
            ? { actionStatement: remedies.map((r) => `${r.category}: ${r.details}`).join('; ') }
            : {}),
          timestamp: flag?.date ?? doc.document.tracking.current_release_date,
          source,
        });
      }
    }
  }
  return out;
}

// Every product id of the tree → the VEX products it stands for (relationships resolved, cycles cut).
function productIndex(doc: CsafDocument): (pid: string) => VexProduct[] {
  const ids = new Map<string, string[]>();
  const addNamed = (p: z.infer<typeof fullProductName>) => {
    const h = p.product_identification_helper;
    const found = [h?.purl, ...(h?.purls ?? []), h?.cpe].filter((s): s is string => Boolean(s));
    ids.set(p.product_id, [...(ids.get(p.product_id) ?? []), ...found]);
  };
  const walk = (b: Branch) => {
    if (b.product) addNamed(b.product);
    for (const child of b.branches ?? []) walk(child);
  };
  for (const b of doc.product_tree?.branches ?? []) walk(b);
  for (const p of doc.product_tree?.full_product_names ?? []) addNamed(p);
  const relations = new Map(
    (doc.product_tree?.relationships ?? []).map((r) => [r.full_product_name.product_id, r]),
  );
  const resolve = (pid: string, seen: Set<string>): VexProduct[] => {
    const own = (ids.get(pid) ?? []).map((id) => ({ id, subcomponents: [] }));
    const rel = relations.get(pid);
    if (!rel || seen.has(pid)) return own;
    const next = new Set([...seen, pid]);
    const components = resolve(rel.product_reference, next)
      .map((p) => p.id)
      .filter((id) => id.startsWith('pkg:'));
    const platforms = resolve(rel.relates_to_product_reference, next).map((p) => p.id);
    const images = platforms.filter((id) => /^pkg:(oci|docker)\//.test(id));
    if (images.length) return [...own, ...images.map((id) => ({ id, subcomponents: components }))];
    return [...own, ...components.map((id) => ({ id, subcomponents: [] }))];
  };
  return (pid) => resolve(pid, new Set());
}
