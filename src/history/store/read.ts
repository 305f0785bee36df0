/** Reads of the history store: a tag's moves and observations, and a digest's stored facts. */
import type { Distro, Inventory } from '../../catalog/types.js';
import { NotFoundError } from '../../errors.js';
import { toCount } from '../../store/sql-values.js';
import { formatTagRef, type TagRef } from '../image-ref.js';
import type { RecordedPoint } from '../types.js';
import { readRows } from './compiled.js';
import type { HistoryStore } from './open.js';
import type { TagMove } from './tag-moves.js';

/** Throws one sentence when the store knows no such image or no such tag of it. */
export async function requireTag(store: HistoryStore, ref: TagRef): Promise<void> {
  // one indexed read on the way of every API read; the image is looked up only to say what is wrong
  const tags = (
    await readRows(
      store,
      'tags-of-image',
      (db, p) => db.selectFrom('tag').select('tag').where('image', '=', p(0)).orderBy('tag'),
      [ref.image],
    )
  ).map((r) => r[0] as string);
  if (tags.includes(ref.tag)) return;
  const image = await store.db
    .selectFrom('image')
    .select('name')
    .where('name', '=', ref.image)
    .executeTakeFirst();
  if (!image) throw new NotFoundError(`unknown image ${ref.image}: nothing was tracked under that name`);
  throw new NotFoundError(
    `unknown tag ${formatTagRef(ref)}: the image has ${tags.join(', ')} (track it first)`,
  );
}

/** Where the tag pointed when, oldest first. */
export async function tagMoves(store: HistoryStore, ref: TagRef): Promise<TagMove[]> {
  const rows = await readRows(
    store,
    'tag-moves',
    (db, p) =>
      db
        .selectFrom('tag_digest')
        .select(['since', 'digest'])
        .where('image', '=', p(0))
        .where('tag', '=', p(1))
        .orderBy('since'),
    [ref.image, ref.tag],
  );
  return rows.map((r) => ({ since: r[0] as string, digest: r[1] as string }));
}

/**
 * The observed point of each day between two days (inclusive) that has an observation: the
 * latest observation of the day (by observed time, then scan time, then scanner name). Counts
 * come from the columns, counted under the default rules when recorded, and so do the counted
 * ids: the findings are not read at all on this path, the console's hot one.
 */
export async function observedPoints(
  store: HistoryStore,
  ref: TagRef,
  from: string,
  to: string,
): Promise<RecordedPoint[]> {
  const rows = await readRows(
    store,
    'observed-points',
    (db, p) =>
      db
        .selectFrom('observation')
        .select(['day', 'digest', 'observed_at', 'scanned_at', 'scanner_name', 'scanner_version'])
        .select(['db_built_at', 'db_feeds', 'critical', 'high', 'medium', 'low', 'negligible', 'unknown'])
        .select(['total', 'fixed', 'not_fixed', 'wont_fix', 'ids'])
        .where('image', '=', p(0))
        .where('tag', '=', p(1))
        .where('day', '>=', p(2))
        .where('day', '<=', p(3))
        .orderBy('day'),
    [ref.image, ref.tag, from, to],
  );
  const provenance = provenanceOf();
  return latestOfEachDay(rows).map((r) => {
    const n = (i: number) => toCount(r[i] as number | string);
    const { scanner, db } = provenance(r);
    return {
      day: r[0] as string,
      kind: 'observed' as const,
      digest: r[1] as string,
      bySeverity: {
        critical: n(8),
        high: n(9),
        medium: n(10),
        low: n(11),
        negligible: n(12),
        unknown: n(13),
      },
      byFixState: { fixed: n(15), 'not-fixed': n(16), 'wont-fix': n(17), 'not-affected': 0 },
      total: n(14),
      ids: r[18] ? (r[18] as string).split(' ') : [],
      scanner,
      db,
      observedAt: r[2] as string,
      scannedAt: r[3] as string,
    };
  });
}

/** An observed day without its counts: which digest a scan saw, when, by which scanner and DB. */
export type ObservedDay = Pick<
  RecordedPoint,
  'day' | 'kind' | 'digest' | 'scanner' | 'db' | 'observedAt' | 'scannedAt'
>;

/**
 * The observed days between two days (inclusive), chosen as `observedPoints` chooses them, without
 * the counts and ids: what a computation under a lens needs to mark its observed days.
 */
export async function observedDays(
  store: HistoryStore,
  ref: TagRef,
  from: string,
  to: string,
): Promise<ObservedDay[]> {
  const rows = await readRows(
    store,
    'observed-days',
    (db, p) =>
      db
        .selectFrom('observation')
        .select(['day', 'digest', 'observed_at', 'scanned_at', 'scanner_name', 'scanner_version'])
        .select(['db_built_at', 'db_feeds'])
        .where('image', '=', p(0))
        .where('tag', '=', p(1))
        .where('day', '>=', p(2))
        .where('day', '<=', p(3))
        .orderBy('day'),
    [ref.image, ref.tag, from, to],
  );
  const provenance = provenanceOf();
  return latestOfEachDay(rows).map((r) => {
    const { scanner, db } = provenance(r);
    return {
      day: r[0] as string,
      kind: 'observed' as const,
      digest: r[1] as string,
      scanner,
      db,
      observedAt: r[2] as string,
      scannedAt: r[3] as string,
    };
  });
}

// Both queries above start with the same eight columns: day, digest, observed_at, scanned_at,
// scanner_name, scanner_version, db_built_at, db_feeds.

// the observation a day's point stands for: the latest of the day (rows ordered by day)
function latestOfEachDay(rows: unknown[][]): unknown[][] {
  const best = new Map<string, unknown[]>();
  for (const row of rows) {
    const seen = best.get(row[0] as string);
    if (!seen || later(row, seen)) best.set(row[0] as string, row);
  }
  return [...best.values()];
}

// the scanner and DB of a row, each distinct feeds text parsed once
function provenanceOf() {
  const feeds = new Map<string, Record<string, string>>();
  return (r: unknown[]) => {
    const text = r[7] as string;
    let parsed = feeds.get(text);
    if (!parsed) feeds.set(text, (parsed = JSON.parse(text) as Record<string, string>));
    return {
      scanner: { name: r[4] as string, version: r[5] as string },
      db: { builtAt: (r[6] as string | null) ?? null, feeds: parsed },
    };
  };
}

// observed_at desc, scanned_at desc, scanner_name asc
function later(a: unknown[], b: unknown[]): boolean {
  for (const [i, sign] of [
    [2, 1],
    [3, 1],
    [4, -1],
  ] as const) {
    if (a[i] === b[i]) continue;
    return ((a[i] as string) > (b[i] as string) ? 1 : -1) * sign > 0;
  }
  return false;
}

/** What the store keeps about a digest: its inventory (if any), size, created date, package count. */
export async function digestFacts(
  store: HistoryStore,
  digest: string,
  withInventory = false,
): Promise<{
  inventory?: Inventory;
  sizeBytes: number | null;
  created: string | null;
  packages: number | null;
  /** the distribution a peer's result named, for a digest known without an inventory */
  distro?: Distro;
}> {
  // two shapes, each compiled once: the inventory is a large JSON text, read only when asked
  const [row] = await readRows(
    store,
    withInventory ? 'digest-facts-inventory' : 'digest-facts',
    (db, p) =>
      db
        .selectFrom('digest')
        .select(['size_bytes', 'created', 'packages', 'distro'])
        .$if(withInventory, (q) => q.select('inventory'))
        .where('digest', '=', p(0)),
    [digest],
  );
  const text = row?.[4] as string | null | undefined;
  const size = row?.[0] as number | string | null | undefined;
  const distro = row?.[3] as string | null | undefined;
  return {
    inventory: text ? (JSON.parse(text) as Inventory) : undefined,
    sizeBytes: size === null || size === undefined ? null : toCount(size),
    created: (row?.[1] as string | null | undefined) ?? null,
    packages: (row?.[2] as number | null | undefined) ?? null,
    ...(distro && { distro: JSON.parse(distro) as Distro }),
  };
}
