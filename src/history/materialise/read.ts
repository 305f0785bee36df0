/**
 * Reads a tag's series from its materialised segments, when they hold: computed against the DB
 * that answers now, nothing recorded since, and up to the last day asked. Otherwise undefined, and
 * the caller computes the series live (series.ts): a materialised series only ever saves time, it
 * never gives another number.
 */
import type { AdvisoryDbReader } from '../../advisory/db/types.js';
import { SCANNER } from '../../scanner.js';
import type { DayRange } from '../date-range.js';
import type { TagRef } from '../image-ref.js';
import type { Lens } from '../lens.js';
import type { HistoryStore } from '../store/open.js';
import { observedPoints } from '../store/read.js';
import type { Point } from '../types.js';
import { dbKeyOf } from './db-key.js';
import { fromSegments } from './segments.js';
import { readFreshness, readHead, readSegments, type StateHead } from './store.js';

/** A tag's materialised state (head) when it holds: computed against the DB that answers now, nothing recorded since. */
export async function freshState(
  store: HistoryStore,
  reader: AdvisoryDbReader,
  ref: TagRef,
): Promise<StateHead | undefined> {
  const state = await readHead(store, ref);
  if (!state || state.dirtyFrom) return undefined;
  return state.dbKey === dbKeyOf(await reader.meta()) ? state : undefined;
}

/** The materialised points of `range` under the default rules, or undefined where they do not hold. */
export async function materialisedPoints(
  store: HistoryStore,
  reader: AdvisoryDbReader,
  ref: TagRef,
  range: DayRange,
  lens: Lens,
): Promise<Point[] | undefined> {
  const state = await readFreshness(store, ref);
  if (!state || state.dirtyFrom || range.to > state.through) return undefined;
  const meta = await reader.meta();
  if (state.dbKey !== dbKeyOf(meta)) return undefined;
  const segments = await readSegments(store, ref, lens, range.from, range.to);
  const observed = new Map((await observedPoints(store, ref, range.from, range.to)).map((p) => [p.day, p]));
  const current = {
    scanner: { ...SCANNER },
    db: { builtAt: meta.builtAt, feeds: Object.fromEntries(meta.feeds.map((f) => [f.name, f.version])) },
  };
  return fromSegments(segments, range.from, range.to, lens, observed, current);
}
