/**
 * One tag as the Directory lists it (GET /api/images, the image page's header): the point of its
 * daily series on its last observed day, with counts, fixable counts by severity, the digest's
 * distribution, size and package count, and optionally the series of the `recent` days up to it.
 * Read from the materialised series where it holds (src/history/materialise/), else computed by
 * the same computation: both give the same row (test/materialised-series.test.ts).
 */
import type { AdvisoryDbReader } from '../advisory/db/types.js';
import type { TagRef } from './image-ref.js';
import type { Lens } from './lens.js';
import { latestPointOf, type LatestPoint } from './materialise/latest.js';
import { freshState } from './materialise/read.js';
import { DEFAULT_QUERY, pointOf, tagSeries } from './series.js';
import type { HistoryStore } from './store/open.js';
import { lastDataRange } from './store/queries-images.js';
import { digestFacts } from './store/read.js';
import { tagDays } from './tag-days.js';
import type { Point } from './types.js';

export interface DirectoryRow {
  latest: Omit<LatestPoint, 'distro' | 'packages'> | null;
  distro: LatestPoint['distro'];
  created: string | null;
  sizeBytes: number | null;
  packages: number | null;
  recent?: { day: string; kind: Point['kind']; total: number; lowerBound: boolean }[];
}

/** A tag's Directory row under a lens, with `recent` days of its series (0: none). */
export async function directoryRow(
  store: HistoryStore,
  reader: AdvisoryDbReader | undefined,
  ref: TagRef,
  recent: number,
  lens: Lens,
): Promise<DirectoryRow> {
  const range = await lastDataRange(store, ref, Math.max(1, recent));
  if (!range) return { latest: null, distro: null, created: null, sizeBytes: null, packages: null };
  const query = { ...DEFAULT_QUERY, lens, replay: reader !== undefined };
  const stored = reader ? (await freshState(store, reader, ref))?.latest?.[lens] : undefined;
  let latest: LatestPoint;
  let points: Point[];
  if (stored && stored.day === range.to) {
    latest = stored;
    points = recent > 0 ? await tagSeries(store, reader, ref, range, query) : [];
  } else {
    const days = await tagDays(store, reader, ref, range, query);
    const last = days.at(-1);
    if (!last) return { latest: null, distro: null, created: null, sizeBytes: null, packages: null };
    latest = await latestPointOf(store, last, pointOf(last, query));
    points = days.map((d) => pointOf(d, query));
  }
  const { distro, packages, ...point } = latest;
  const facts = await digestFacts(store, latest.digest);
  return {
    latest: point,
    distro,
    created: facts.created,
    sizeBytes: facts.sizeBytes,
    packages,
    ...(recent > 0 && {
      recent: points.map((p) => ({
        day: p.day,
        kind: p.kind,
        total: p.total,
        lowerBound: p.coverage?.lowerBound ?? false,
      })),
    }),
  };
}
