/**
 * Applying VEX statements to findings. A statement applies to a finding when it names the
 * finding's vulnerability (id or alias) and one of its products names the finding's package:
 * directly by purl, as a subcomponent of the scanned image, or by naming the image alone (then
 * it covers every package of it). When several apply, the latest (by timestamp, then by order
 * given) wins. `not_affected` and `fixed` suppress the finding; `affected` and
 * `under_investigation` are recorded on it and it stays.
 */
import type { PackageURL } from 'packageurl-js';
import type { Package } from '../../catalog/types.js';
import type { Finding, VexStatement } from '../types.js';
import { parsePurl, productMatchesImage, purlMatchesPackage } from './purl-match.js';
import type { VexDocumentStatement, VexProduct } from './types.js';

/** What `applyVex` returns: findings that stay and findings VEX suppressed, both with `vex` set where one applied. */
export interface VexOutcome {
  kept: Finding[];
  suppressed: Finding[];
}

interface Indexed {
  statement: VexDocumentStatement;
  order: number;
  time: number;
  // purls parsed once per statement, not once per finding
  products: { product: VexProduct; purl?: PackageURL; subs: (PackageURL | undefined)[] }[];
}

function index(statements: readonly VexDocumentStatement[]): Map<string, Indexed[]> {
  const byId = new Map<string, Indexed[]>();
  statements.forEach((statement, order) => {
    const time = statement.timestamp ? Date.parse(statement.timestamp) : Number.NEGATIVE_INFINITY;
    const entry: Indexed = {
      statement,
      order,
      time: Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time,
      products: statement.products.map((product) => ({
        product,
        purl: parsePurl(product.id),
        subs: product.subcomponents.map(parsePurl),
      })),
    };
    for (const id of new Set([statement.vulnerability, ...statement.aliases].map((s) => s.toUpperCase()))) {
      const list = byId.get(id) ?? byId.set(id, []).get(id)!;
      list.push(entry);
    }
  });
  return byId;
}

function applies(entry: Indexed, pkg: Package, image: readonly string[]): boolean {
  return entry.products.some(({ product, purl, subs }) => {
    if (purl && purlMatchesPackage(purl, pkg)) return true;
    if (!image.length || !productMatchesImage(product.id, image)) return false;
    return subs.length === 0 || subs.some((s) => s !== undefined && purlMatchesPackage(s, pkg));
  });
}

function later(a: Indexed, b: Indexed): boolean {
  return a.time > b.time || (a.time === b.time && a.order > b.order);
}

function recorded(s: VexDocumentStatement): VexStatement {
  const out: VexStatement = { status: s.status, source: s.source };
  if (s.justification) out.justification = s.justification;
  if (s.impactStatement) out.impactStatement = s.impactStatement;
  return out;
}

/** Applies VEX statements to findings; `image` is the scanned image's digest and/or purls (see `imageIdentities`). */
export function applyVex(
  findings: readonly Finding[],
  statements: readonly VexDocumentStatement[],
  image?: string | readonly string[],
): VexOutcome {
  const images = image === undefined ? [] : typeof image === 'string' ? [image] : image;
  const byId = index(statements);
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    let best: Indexed | undefined;
    const ids = new Set([finding.vulnerability, ...finding.aliases].map((s) => s.toUpperCase()));
    for (const id of ids) {
      for (const entry of byId.get(id) ?? []) {
        if ((!best || later(entry, best)) && applies(entry, finding.package, images)) best = entry;
      }
    }
    if (!best) {
      kept.push(finding);
      continue;
    }
    const withVex: Finding = { ...finding, vex: recorded(best.statement) };
    if (best.statement.status === 'not_affected' || best.statement.status === 'fixed')
      suppressed.push(withVex);
    else kept.push(withVex);
  }
  return { kept, suppressed };
}
