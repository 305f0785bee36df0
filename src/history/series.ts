/**
 * The daily series of a tag under a lens and counting rules (docs/counting.md): the days of
 * `tag-days.ts` counted. The CLI (`history`, `compare`, `report`), the API and the console all
 * read their points here, so one image and one day give one number wherever it is shown.
 */
import type { AdvisoryDbReader } from '../advisory/db/types.js';
import { DEFAULT_RULES } from '../match/counting.js';
import type { CountingRules } from '../match/types.js';
import type { VexDocumentStatement } from '../match/vex/index.js';
import { countUnder } from './compact.js';
import type { DayRange } from './date-range.js';
import type { TagRef } from './image-ref.js';
import { DEFAULT_LENS, type Lens } from './lens.js';
import { materialisedPoints } from './materialise/read.js';
import type { HistoryStore } from './store/open.js';
import { observedPoints } from './store/read.js';
import { pinnedDays, tagDays, type TagDay } from './tag-days.js';
import type { TagMove } from './store/tag-moves.js';
import type { Point } from './types.js';

/** What a series is asked for: the lens, the counting rules, VEX, and whether every day gets a point. */
export interface SeriesQuery {
  lens: Lens;
  rules: CountingRules;
  vex?: readonly VexDocumentStatement[];
  /** every day from the first digest on (true), or only the days a scan observed */
  replay: boolean;
  now?: Date;
}

export const DEFAULT_QUERY: SeriesQuery = { lens: DEFAULT_LENS, rules: DEFAULT_RULES, replay: true };

/** A tag's points over a range: one per day it pointed to a digest (days before are gaps). */
export async function tagSeries(
  store: HistoryStore,
  reader: AdvisoryDbReader | undefined,
  tag: TagRef,
  range: DayRange,
  query: SeriesQuery,
): Promise<Point[]> {
  // without a DB every point is what its scan recorded; under the default rules the store keeps
  // those counts in columns (counted when recorded), so the findings need not be read at all
  if (!reader && !query.vex && isDefaultRules(query.rules))
    // the points are this call's own: the three fields are added in place, not by copying each
    return (await observedPoints(store, tag, range.from, range.to)).map((p) =>
      Object.assign(p, { lens: query.lens, basis: 'recorded' as const, coverage: null }),
    );
  // under the default rules, the series `refreshSeries` keeps stored, where it still holds
  if (reader && query.replay && !query.vex?.length && !query.now && isDefaultRules(query.rules)) {
    const stored = await materialisedPoints(store, reader, tag, range, query.lens);
    if (stored) return stored;
  }
  const days = await tagDays(store, reader, tag, range, query);
  return days.map((d) => pointOf(d, query));
}

/** Whether the rules are the ones the store's counts were recorded under (docs/counting.md). */
export function isDefaultRules(rules: CountingRules): boolean {
  return (
    rules.countBy === DEFAULT_RULES.countBy &&
    !rules.includeNegligible &&
    rules.ignoreStates.length === 0 &&
    !rules.onlyFixed &&
    !rules.cveOnly
  );
}

/** One digest held from the day `start` on, as if nobody had rebuilt it: every day of the range from then. */
export async function pinnedSeries(
  store: HistoryStore,
  reader: AdvisoryDbReader,
  digest: string,
  start: string,
  range: DayRange,
  query: Omit<SeriesQuery, 'replay'>,
): Promise<Point[]> {
  const days = await pinnedDays(store, reader, digest, start, range, query);
  return days.map((d) => pointOf(d, query));
}

/** A day counted under the rules, with where it comes from. */
export function pointOf(d: TagDay, query: Pick<SeriesQuery, 'lens' | 'rules'>): Point {
  return {
    day: d.day,
    kind: d.observed ? 'observed' : 'replayed',
    lens: query.lens,
    basis: d.basis,
    coverage: d.coverage,
    digest: d.digest,
    ...countUnder(d.findings, query.rules),
    scanner: d.scanner,
    db: d.db,
    ...(d.observedAt ? { observedAt: d.observedAt } : {}),
    ...(d.scannedAt ? { scannedAt: d.scannedAt } : {}),
  };
}

/** The first instant a tag pointed to a digest, if it ever did. */
export function firstPointedAt(moves: readonly TagMove[], digest: string): string | undefined {
  return moves.find((m) => m.digest === digest)?.since;
}
