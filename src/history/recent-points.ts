/**
 * A tag's latest point and its recent days, as the directory and the image page show them: the
 * last points of the same series `history --replay` and `compare` draw (src/history/series.ts),
 * up to the tag's last observed day.
 */
import type { AdvisoryDbReader } from '../advisory/db/types.js';
import type { TagRef } from './image-ref.js';
import { DEFAULT_QUERY, tagSeries, type SeriesQuery } from './series.js';
import type { HistoryStore } from './store/open.js';
import { lastDataRange } from './store/queries-images.js';
import type { Point } from './types.js';

/** The daily series of a tag over the `days` days up to its last observed day. */
export async function recentPoints(
  store: HistoryStore,
  ref: TagRef,
  days: number,
  reader: AdvisoryDbReader | undefined,
  query: Partial<SeriesQuery> = {},
): Promise<Point[]> {
  const range = await lastDataRange(store, ref, days);
  if (!range) return [];
  return tagSeries(store, reader, ref, range, { ...DEFAULT_QUERY, ...query, replay: reader !== undefined });
}

/** The last point of a tag's series, on its last observed day. */
export async function latestPoint(
  store: HistoryStore,
  ref: TagRef,
  reader: AdvisoryDbReader | undefined,
  query: Partial<SeriesQuery> = {},
): Promise<Point | undefined> {
  return (await recentPoints(store, ref, 1, reader, query)).at(-1);
}
