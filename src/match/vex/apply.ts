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
import { parseFeedTime } from '../../time/instant.js';
import type { Finding, VexStatement } from '../types.js';
import { parsePurl, productMatchesImage, purlMatchesPackage } from './purl-match.js';
import type { VexDocumentStatement } from './types.js';

/** What `applyVex` returns: findings that stay and findings VEX suppressed, both with `vex` set where one applied. */
export interface VexOutcome {
  kept: Finding[];
  suppressed: Finding[];
}

// What a statement's products say, keyed by purl name so a finding only looks at purls that can
// match its package: products naming packages directly, subcomponents of products that are the
// scanned image, and whether the image alone is named (then every package is covered).
interface Products {
  byName: Map<string, PackageURL[]>;
  coversImage: boolean;
}

// What does not depend on the finding is worked out once per statement, and only for statements
// about a vulnerability some finding has (documents name far more than one image holds).
interface Indexed {
  statement: VexDocumentStatement;
  order: number;
  time: number;
  products?: Products;
}

/** Parses purls and decides image products once per distinct string: documents repeat them. */
class PurlCache {
  private readonly purls = new Map<string, PackageURL | undefined>();
  private readonly image = new Map<string, boolean>();
  constructor(private readonly images: readonly string[]) {}
  parse(id: string): PackageURL | undefined {
    if (!this.purls.has(id)) this.purls.set(id, parsePurl(id));
    return this.purls.get(id);
  }
  isImage(id: string): boolean {
    let yes = this.image.get(id);
    if (yes === undefined)
      this.image.set(id, (yes = this.images.length > 0 && productMatchesImage(id, this.images)));
    return yes;
  }
}

function productsOf(entry: Indexed, cache: PurlCache): Products {
  if (entry.products) return entry.products;
  const out: Products = { byName: new Map(), coversImage: false };
  const add = (purl: PackageURL | undefined) => {
    if (!purl) return;
    const list = out.byName.get(purl.name);
    if (list) list.push(purl);
    else out.byName.set(purl.name, [purl]);
  };
  for (const p of entry.statement.products) {
    add(cache.parse(p.id));
    if (!cache.isImage(p.id)) continue;
    if (p.subcomponents.length === 0) out.coversImage = true;
    for (const sub of p.subcomponents) add(cache.parse(sub));
  }
  entry.products = out;
  return out;
}

/** Statements by upper-cased vulnerability id and alias, latest first (so the first that applies wins). */
function index(statements: readonly VexDocumentStatement[]): Map<string, Indexed[]> {
  const byId = new Map<string, Indexed[]>();
  statements.forEach((statement, order) => {
    // a time without a zone is UTC (src/time/instant.ts), never the host's local time
    const instant = parseFeedTime(statement.timestamp);
    const entry: Indexed = {
      statement,
      order,
      time: instant === undefined ? Number.NEGATIVE_INFINITY : Date.parse(instant),
    };
    for (const id of new Set([statement.vulnerability, ...statement.aliases].map((s) => s.toUpperCase()))) {
      const list = byId.get(id);
      if (list) list.push(entry);
      else byId.set(id, [entry]);
    }
  });
  for (const list of byId.values()) list.sort((a, b) => b.time - a.time || b.order - a.order);
  return byId;
}

function applies(products: Products, pkg: Package, purl: PackageURL | undefined): boolean {
  if (products.coversImage) return true;
  const names = [purl?.name, pkg.source?.name.toLowerCase()];
  return names.some(
    (n) => n !== undefined && (products.byName.get(n) ?? []).some((p) => purlMatchesPackage(p, pkg, purl)),
  );
}

function recorded(s: VexDocumentStatement): VexStatement {
  const out: VexStatement = { status: s.status, source: s.source };
  if (s.justification) out.justification = s.justification;
  if (s.impactStatement) out.impactStatement = s.impactStatement;
  return out;
}

function winner(byId: Map<string, Indexed[]>, finding: Finding, cache: PurlCache): Indexed | undefined {
  const ids = new Set([finding.vulnerability, ...finding.aliases].map((s) => s.toUpperCase()));
  const purl = cache.parse(finding.package.purl);
  let best: Indexed | undefined;
  for (const id of ids) {
    const hit = byId.get(id)?.find((e) => applies(productsOf(e, cache), finding.package, purl));
    if (hit && (!best || hit.time > best.time || (hit.time === best.time && hit.order > best.order)))
      best = hit;
  }
  return best;
}

/** Applies VEX statements to findings; `image` is the scanned image's digest and/or purls (see `imageIdentities`). */
export function applyVex(
  findings: readonly Finding[],
  statements: readonly VexDocumentStatement[],
  image?: string | readonly string[],
): VexOutcome {
  // no statement: nothing to look up (a replay asks this once per change of every day swept)
  if (statements.length === 0) return { kept: [...findings], suppressed: [] };
  const images = image === undefined ? [] : typeof image === 'string' ? [image] : image;
  const byId = index(statements);
  const cache = new PurlCache(images);
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    const best = winner(byId, finding, cache);
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
