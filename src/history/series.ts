/**
 * The daily series of one tag (docs/counting.md): observed points are what a scan said that day;
 * with replay, every other day from the first recorded digest on is replayed: the digest the tag
 * pointed to at the end of that day, matched against the advisories as known that day. `vex`: the
 * user's VEX statements, applied by the replay from each statement's timestamp on ("after VEX").
 */
import type { AdvisoryDbReader } from '../advisory/db/types.js';
import { cachingReader } from './caching-reader.js';
import { replayDays } from './replay.js';
import type { VexDocumentStatement } from '../match/vex/index.js';
import { SCANNER } from '../scanner.js';
import { dayOf, endOfDay } from '../time/instant.js';
import { compactFinding, countCompact, type CompactFinding, type Counts } from './compact.js';
import { DEFAULT_RULES } from '../match/counting.js';
import { daysOf, type DayRange } from './date-range.js';
import type { TagRef } from './image-ref.js';
import type { HistoryStore } from './store/open.js';
import { digestFacts, observedPoints, tagMoves } from './store/read.js';
import { digestAt, type TagMove } from './store/tag-moves.js';
import type { Point } from './types.js';

/** Observed points only: the latest observation of each day that has one. */
export async function observedSeries(store: HistoryStore, ref: TagRef, range: DayRange): Promise<Point[]> {
  return observedPoints(store, ref, range.from, range.to);
}

/**
 * Every day of the range gets a point where the tag pointed to a digest: the observation of a
 * scan that ran that day, else a replay. A backfilled observation (scanned on a later day) is not
 * what a scan said that day, so its day is replayed. Days before the first digest stay gaps.
 */
export async function replayedSeries(
  store: HistoryStore,
  reader: AdvisoryDbReader,
  ref: TagRef,
  range: DayRange,
  vex?: readonly VexDocumentStatement[],
): Promise<Point[]> {
  const live = new Map(
    (await observedPoints(store, ref, range.from, range.to))
      .filter((p) => p.scannedAt !== undefined && dayOf(p.scannedAt) === p.day)
      .map((p) => [p.day, p]),
  );
  const moves = await tagMoves(store, ref);
  const wanted = new Map<string, string[]>();
  for (const day of daysOf(range)) {
    if (live.has(day)) continue;
    const digest = digestAt(moves, endOfDay(day));
    if (digest) wanted.set(digest, [...(wanted.get(digest) ?? []), day]);
  }
  const replayed = await replayByDigest(store, reader, wanted, vex);
  return [...live.values(), ...replayed].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** How a replayed day's findings become its counts (default: the default counting rules). */
export type CountFindings = (findings: CompactFinding[]) => Counts;
const countDefault: CountFindings = (findings) => countCompact(findings, DEFAULT_RULES);

/**
 * A digest pinned from a day on: replayed on every day of the range from `start` on, its findings
 * counted by `count` (the server passes the request's counting rules).
 */
export async function pinnedSeries(
  store: HistoryStore,
  reader: AdvisoryDbReader,
  digest: string,
  start: string,
  range: DayRange,
  vex?: readonly VexDocumentStatement[],
  count: CountFindings = countDefault,
): Promise<Point[]> {
  const days = daysOf(range).filter((d) => d >= start);
  return replayByDigest(store, reader, new Map(days.length ? [[digest, days]] : []), vex, count);
}

// replayDays once per digest with all of its days: the sweep behind it matches each inventory once
async function replayByDigest(
  store: HistoryStore,
  reader: AdvisoryDbReader,
  wanted: Map<string, string[]>,
  vex?: readonly VexDocumentStatement[],
  count: CountFindings = countDefault,
): Promise<Point[]> {
  const meta = await reader.meta();
  const db = { builtAt: meta.builtAt, feeds: Object.fromEntries(meta.feeds.map((f) => [f.name, f.version])) };
  const points: Point[] = [];
  // the digests of one tag share most packages: read each package's rows once for all of them
  const cached = cachingReader(reader);
  for (const [digest, days] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { inventory } = await digestFacts(store, digest, true);
    // a digest known only from a peer's result has no inventory to replay: its days stay gaps
    if (!inventory) continue;
    for (const r of await replayDays(inventory, cached, days, { vex })) {
      const counts = count(r.findings.map(compactFinding));
      points.push({ day: r.day, kind: 'replayed', digest, ...counts, scanner: { ...SCANNER }, db });
    }
  }
  return points;
}

/** The first instant a tag pointed to a digest, if it ever did. */
export function firstPointedAt(moves: readonly TagMove[], digest: string): string | undefined {
  return moves.find((m) => m.digest === digest)?.since;
}
