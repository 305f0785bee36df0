/** `history`: the daily series of one tag by severity and fix state, observed or replayed. */
import { openDbIfAny } from './open-db.js';
import { dayRange } from './date-range.js';
import { parseTagRef, type TagRef } from './image-ref.js';
import { DEFAULT_RULES } from '../match/counting.js';
import type { CountingRules } from '../match/types.js';
import { DEFAULT_LENS, type Lens } from './lens.js';
import { tagSeries } from './series.js';
import { withHistoryStore } from './store/open.js';
import { requireTag } from './store/read.js';
import type { Point } from './types.js';
import { readVexFiles } from './vex-points.js';

export interface HistoryOptions {
  /** first and last day (dates or ISO times, `--from`/`--to`); default: the 30 days up to today */
  from?: string;
  to?: string;
  /** give every day a point, replaying the days no scan observed */
  replay?: boolean;
  /** `then` (default): each day as known that day; `now`: each day's image against today's advisories */
  lens?: Lens;
  /** the counting rules (docs/counting.md); default: one per vulnerability, negligible apart */
  rules?: Partial<CountingRules>;
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
  lens: Lens;
  rules: CountingRules;
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
    const lens = options.lens ?? DEFAULT_LENS;
    const rules = { ...DEFAULT_RULES, ...options.rules };
    const replay = Boolean(options.replay);
    const reader = await openDbIfAny(options.db, replay);
    let points: Point[];
    try {
      points = await tagSeries(store, reader, tag, range, {
        lens,
        rules,
        replay,
        vex: statements,
        now: options.now,
      });
    } finally {
      await reader?.close();
    }
    return {
      schemaVersion: '1',
      image: tag.image,
      tag: tag.tag,
      ...range,
      replay,
      lens,
      rules,
      ...(statements ? { vexStatements: statements.length } : {}),
      points,
    };
  });
}
