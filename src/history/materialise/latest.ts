/** A tag's point on its last observed day, as the Directory lists and sorts it, and how it is made. */
import { DEFAULT_RULES } from '../../match/counting.js';
import type { Inventory } from '../../catalog/types.js';
import { countCompact } from '../compact.js';
import type { Lens } from '../lens.js';
import type { HistoryStore } from '../store/open.js';
import { digestFacts } from '../store/read.js';
import type { TagDay } from '../tag-days.js';
import type { Point } from '../types.js';

/** The last point of a tag, as a Directory row shows it. */
export interface LatestPoint {
  day: string;
  kind: Point['kind'];
  lens: Lens;
  basis: Point['basis'];
  coverage: Point['coverage'];
  digest: string;
  total: number;
  bySeverity: Point['bySeverity'];
  /** counted findings with a fix, by severity */
  fixable: Point['bySeverity'];
  distro: { id: string; versionId: string | null; prettyName: string | null } | null;
  /** the digest's package count */
  packages: number | null;
}

/** How many days of a tag's series up to its last observed day a stored row keeps (sparklines). */
export const STORED_RECENT = 30;

/** A recent day of a row's sparkline. */
export interface RecentPoint {
  day: string;
  kind: Point['kind'];
  total: number;
  lowerBound: boolean;
}

/** A Directory row as the materialised series keeps it for each lens: its last point and 30 days. */
export interface StoredRow {
  latest: LatestPoint;
  created: string | null;
  sizeBytes: number | null;
  recent: RecentPoint[];
}

/** The sparkline point of a series point. */
export function recentOf(p: Point): RecentPoint {
  return { day: p.day, kind: p.kind, total: p.total, lowerBound: p.coverage?.lowerBound ?? false };
}

/** A day's point as a Directory row keeps it: counts, fixable counts, the digest's distribution. */
export async function latestPointOf(
  store: HistoryStore,
  day: TagDay,
  point: Point,
  known?: Inventory,
): Promise<LatestPoint> {
  const fixable = countCompact(
    day.findings.filter((f) => f[2] === 'fixed'),
    DEFAULT_RULES,
  ).bySeverity;
  const facts = await digestFacts(store, day.digest, !known);
  const inventory = known ?? facts.inventory;
  // a peer's result has no inventory, but may name its distribution
  const d = inventory?.distro ?? facts.distro;
  return {
    day: point.day,
    kind: point.kind,
    lens: point.lens,
    basis: point.basis,
    coverage: point.coverage,
    digest: point.digest,
    total: point.total,
    bySeverity: point.bySeverity,
    fixable,
    distro: d ? { id: d.id, versionId: d.versionId ?? null, prettyName: d.prettyName ?? null } : null,
    packages: facts.packages ?? inventory?.packages.length ?? null,
  };
}
