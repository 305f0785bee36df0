/**
 * One tag as the Directory lists it (GET /api/images, GET /api/tags, the image page's header): the
 * point of its daily series on its last observed day, with counts, fixable counts by severity, the
 * digest's distribution, size and package count, and optionally the series of the `recent` days up
 * to it. Read from the materialised series where it holds (src/history/materialise/), else
 * computed by the same computation: both give the same row (test/materialised-series.test.ts).
 */
import type { AdvisoryDbReader } from '../advisory/db/types.js';
import type { Inventory } from '../catalog/types.js';
import { addDays } from './date-range.js';
import type { TagRef } from './image-ref.js';
import type { Lens } from './lens.js';
import {
  latestPointOf,
  recentOf,
  STORED_RECENT,
  type LatestPoint,
  type RecentPoint,
  type StoredRow,
} from './materialise/latest.js';
import { freshState } from './materialise/read.js';
import { DEFAULT_QUERY, pointOf } from './series.js';
import type { HistoryStore } from './store/open.js';
import { lastObservedDay } from './store/queries-images.js';
import { digestFacts } from './store/read.js';
import { tagDays } from './tag-days.js';

export interface DirectoryRow {
  latest: Omit<LatestPoint, 'distro' | 'packages'> | null;
  distro: LatestPoint['distro'];
  created: string | null;
  sizeBytes: number | null;
  packages: number | null;
  recent?: RecentPoint[];
}

const EMPTY: DirectoryRow = { latest: null, distro: null, created: null, sizeBytes: null, packages: null };

/** A tag's Directory row under a lens, with `recent` days of its series (0: none). */
export async function directoryRow(
  store: HistoryStore,
  reader: AdvisoryDbReader | undefined,
  ref: TagRef,
  recent: number,
  lens: Lens,
): Promise<DirectoryRow> {
  const last = await lastObservedDay(store, ref);
  if (!last) return EMPTY;
  const stored = reader ? (await freshState(store, reader, ref))?.latest?.[lens] : undefined;
  if (stored && stored.latest.day === last && recent <= STORED_RECENT) return rowOf(stored, recent);
  const row = await computeRow(store, reader, ref, last, Math.max(1, recent), lens);
  return row ? rowOf(row, recent) : EMPTY;
}

/** The row a stored one gives with `recent` days (at most the 30 it keeps). */
export function rowOf(stored: StoredRow, recent: number): DirectoryRow {
  const { distro, packages, ...latest } = stored.latest;
  const from = addDays(latest.day, -(recent - 1));
  return {
    latest,
    distro,
    created: stored.created,
    sizeBytes: stored.sizeBytes,
    packages,
    ...(recent > 0 && { recent: stored.recent.filter((p) => p.day >= from) }),
  };
}

/** Computes a tag's row from its series: the `days` days up to its last observed day. */
export async function computeRow(
  store: HistoryStore,
  reader: AdvisoryDbReader | undefined,
  ref: TagRef,
  last: string,
  days: number,
  lens: Lens,
): Promise<StoredRow | undefined> {
  const query = { ...DEFAULT_QUERY, lens, replay: reader !== undefined };
  const range = { from: addDays(last, -(days - 1)), to: last };
  const tagged = await tagDays(store, reader, ref, range, query);
  const at = tagged.at(-1);
  if (!at) return undefined;
  return storedRowOf(
    store,
    at,
    tagged.map((d) => pointOf(d, query)),
  );
}

/** A row from its series' points up to its last day (the last point is the row's), keeping `keep` days. */
export async function storedRowOf(
  store: HistoryStore,
  at: Parameters<typeof latestPointOf>[1],
  points: readonly ReturnType<typeof pointOf>[],
  keep = STORED_RECENT,
  inventory?: Inventory,
): Promise<StoredRow> {
  const latest = await latestPointOf(store, at, points.at(-1)!, inventory);
  const facts = await digestFacts(store, latest.digest);
  const from = addDays(latest.day, -(keep - 1));
  return {
    latest,
    created: facts.created,
    sizeBytes: facts.sizeBytes,
    recent: points.filter((p) => p.day >= from && p.day <= latest.day).map(recentOf),
  };
}
