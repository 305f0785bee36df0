/** `history`: the daily series of one tag by severity and fix state, observed or replayed. */
import { openAdvisoryDb } from '../advisory/db/index.js';
import { defaultDbPath } from '../advisory/db/paths.js';
import { dayRange } from './date-range.js';
import { parseTagRef, type TagRef } from './image-ref.js';
import { observedSeries, replayedSeries } from './series.js';
import { withHistoryStore } from './store/open.js';
import { requireTag } from './store/read.js';
import type { Point } from './types.js';
import { observedAfterVex, readVexFiles } from './vex-points.js';

export interface HistoryOptions {
  /** first and last day (dates or ISO times, `--from`/`--to`); default: the 30 days up to today */
  from?: string;
  to?: string;
  /** give every day a point, replaying the days no scan observed */
  replay?: boolean;
  store?: string;
  /** the advisory DB replay matches against */
  db?: string;
  /** VEX documents (OpenVEX or CycloneDX) whose statements apply from their timestamps on ("after VEX") */
  vex?: string[];
  now?: Date;
}

export interface HistoryResult {
  schemaVersion: '1';
  image: string;
  tag: string;
  from: string;
  to: string;
  replay: boolean;
  /** whether VEX statements were applied (the "after VEX" rule), and how many were read */
  vexStatements?: number;
  /** one per day that has a point; the missing days are gaps (no data), never zeros */
  points: Point[];
}

/** The daily series of `NAME:TAG` over a range of days. */
export async function history(ref: string | TagRef, options: HistoryOptions = {}): Promise<HistoryResult> {
  const tag = typeof ref === 'string' ? parseTagRef(ref, 'image') : ref;
  const range = dayRange(options.from, options.to, options.now);
  const statements = options.vex ? await readVexFiles(options.vex) : undefined;
  return withHistoryStore(options.store, { readonly: true }, async (store) => {
    await requireTag(store, tag);
    let points: Point[];
    if (!options.replay) points = await observedSeries(store, tag, range);
    else {
      const reader = await openAdvisoryDb(options.db ?? defaultDbPath());
      try {
        points = await replayedSeries(store, reader, tag, range, statements);
      } finally {
        await reader.close();
      }
    }
    if (statements) points = await observedAfterVex(store, tag, points, statements);
    return {
      schemaVersion: '1',
      image: tag.image,
      tag: tag.tag,
      ...range,
      replay: Boolean(options.replay),
      ...(statements ? { vexStatements: statements.length } : {}),
      points,
    };
  });
}
