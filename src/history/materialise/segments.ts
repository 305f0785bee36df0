/**
 * A materialised series is kept as segments: runs of consecutive days on which a tag carried the
 * same digest and the same counts under a lens. A year of a daily rebuilt image is a few dozen
 * rows, not 365, and the counted ids are stored once per run. Pure functions: days to segments,
 * and segments (with the day's observations) back to the very points `pointOf` gives for them.
 */
import type { Severity } from '../../advisory/types.js';
import type { FixState } from '../../advisory/types.js';
import { addDays } from '../date-range.js';
import type { Lens } from '../lens.js';
import type { Coverage } from '../replay.js';
import type { TagDay } from '../tag-days.js';
import type { Point, Provenance, RecordedPoint } from '../types.js';

/** A run of days with the same digest, basis, counts, coverage and provenance. */
export interface Segment {
  firstDay: string;
  lastDay: string;
  digest: string;
  basis: Point['basis'];
  counts: { bySeverity: Record<Severity, number>; byFixState: Record<FixState, number>; total: number };
  ids: string[];
  coverage: Coverage | null;
  /** a recorded point's own scanner and DB; for `lens` points the current DB's, filled in when read */
  provenance: Provenance | null;
}

/**
 * The segments of a lens's days (ascending), each counted once by `count` (series.ts's `pointOf`):
 * consecutive days of one digest share their findings list wherever nothing changed between them
 * (replay.ts), so a run is found by identity, and a year costs a few dozen counts, not 365.
 */
export function toSegments(days: readonly TagDay[], count: (day: TagDay) => Point): Segment[] {
  const out: Segment[] = [];
  let previous: TagDay | undefined;
  for (const d of days) {
    const last = out.at(-1);
    if (
      last &&
      previous &&
      d.findings === previous.findings &&
      d.digest === previous.digest &&
      d.basis === previous.basis &&
      sameCoverage(d.coverage, previous.coverage) &&
      d.basis === 'lens' &&
      dayNumber(d.day) === dayNumber(last.lastDay) + 1
    ) {
      last.lastDay = d.day;
      previous = d;
      continue;
    }
    const p = count(d);
    out.push({
      firstDay: d.day,
      lastDay: d.day,
      digest: p.digest,
      basis: p.basis,
      counts: { bySeverity: p.bySeverity, byFixState: p.byFixState, total: p.total },
      ids: p.ids,
      coverage: p.coverage,
      provenance: p.basis === 'recorded' ? { scanner: p.scanner, db: p.db } : null,
    });
    previous = d;
  }
  return out;
}

// days since 1970 of a YYYY-MM-DD day, without building a Date (a year is 365 of these per lens)
function dayNumber(day: string): number {
  return Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / 86_400_000;
}

function sameCoverage(a: Coverage | null, b: Coverage | null): boolean {
  return (
    a === b ||
    (a !== null &&
      b !== null &&
      a.records === b.records &&
      a.dated === b.dated &&
      a.lowerBound === b.lowerBound)
  );
}

/**
 * The points of `from`…`to` from segments, marked observed where a scan stands for the day: what
 * `pointOf` gives for the same days. `current` is the provenance of a `lens` point (the DB read now).
 */
export function fromSegments(
  segments: readonly Segment[],
  from: string,
  to: string,
  lens: Lens,
  observed: ReadonlyMap<string, RecordedPoint>,
  current: Provenance,
): Point[] {
  const out: Point[] = [];
  for (const s of segments) {
    const provenance = s.provenance ?? current;
    for (
      let day = s.firstDay > from ? s.firstDay : from;
      day <= s.lastDay && day <= to;
      day = addDays(day, 1)
    ) {
      const o = observed.get(day);
      out.push({
        day,
        kind: o ? 'observed' : 'replayed',
        lens,
        basis: s.basis,
        coverage: s.coverage,
        digest: s.digest,
        bySeverity: { ...s.counts.bySeverity },
        byFixState: { ...s.counts.byFixState },
        total: s.counts.total,
        ids: s.ids,
        scanner: provenance.scanner,
        db: provenance.db,
        ...(o ? { observedAt: o.observedAt, scannedAt: o.scannedAt } : {}),
      });
    }
  }
  return out;
}
