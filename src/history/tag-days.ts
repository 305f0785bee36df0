/**
 * What a tag carried on each day, under a lens (docs/counting.md): THE computation behind every
 * series, directory row, comparison, resolution and report. A day's image is the digest the tag
 * pointed to at the end of that day; its findings are that digest's inventory matched against the
 * advisories as known at the end of the day ("then") or as known now ("now"). An observed day and
 * a replayed day are the same computation, so they cannot disagree; a day is marked observed when
 * a scan of the tag stands for it. Only a digest without a stored inventory (a peer's result), or a
 * store read without an advisory DB, falls back to what its scan recorded, on its observed days.
 */
import type { AdvisoryDbReader } from '../advisory/db/types.js';
import { DEFAULT_RULES } from '../match/counting.js';
import type { Finding } from '../match/types.js';
import type { VexDocumentStatement } from '../match/vex/index.js';
import { SCANNER } from '../scanner.js';
import { dayOf, endOfDay } from '../time/instant.js';
import { cachingReader } from './caching-reader.js';
import { compactFinding, type CompactFinding } from './compact.js';
import { daysOf, type DayRange } from './date-range.js';
import type { TagRef } from './image-ref.js';
import type { Lens } from './lens.js';
import { replayDays, type Coverage, type PreparedReplay } from './replay.js';
import type { HistoryStore } from './store/open.js';
import { findingsOfRange } from './store/queries-images.js';
import { digestFacts, observedDays, tagMoves, type ObservedDay } from './store/read.js';
import type { Provenance } from './types.js';
import { afterVexFindings } from './vex-points.js';

/** What the tag carried on one day: every finding that counts under some rule (not-affected never does). */
export interface TagDay extends Provenance {
  day: string;
  digest: string;
  /** a scan of the tag stands for this day (its point is still computed under the lens) */
  observed: boolean;
  /** `lens`: computed from the digest's inventory; `recorded`: what the scan recorded (no inventory or no DB) */
  basis: 'lens' | 'recorded';
  findings: CompactFinding[];
  /** findings VEX statements suppressed that day */
  vexSuppressed: CompactFinding[];
  /** null where the point is what a scan recorded */
  coverage: Coverage | null;
  observedAt?: string;
  scannedAt?: string;
}

export interface TagDaysRequest {
  lens: Lens;
  /** VEX statements applied from their timestamps on ("after VEX") */
  vex?: readonly VexDocumentStatement[];
  /** every day of the range from the first digest on (true), or only the days a scan observed */
  replay: boolean;
  /** "now" of the `now` lens (default: the clock) */
  now?: Date;
  /** each digest's match, kept for another request over the same reader (replay.ts `prepared`) */
  prepared?: Map<string, PreparedReplay>;
}

/** The days of a tag over a range: one per day the tag pointed to a digest (others are gaps, never zeros). */
export async function tagDays(
  store: HistoryStore,
  reader: AdvisoryDbReader | undefined,
  tag: TagRef,
  range: DayRange,
  request: TagDaysRequest,
): Promise<TagDay[]> {
  return (await tagDaysAndBefore(store, reader, tag, range, request, false)).days;
}

/**
 * The days of a tag and, with `before`, on each day the digest changed, the digest of the day
 * before seen on that day under the same lens (did the rebuild remove a finding, or would the old
 * image have lost it too?): one replay per digest for both.
 */
export async function tagDaysAndBefore(
  store: HistoryStore,
  reader: AdvisoryDbReader | undefined,
  tag: TagRef,
  range: DayRange,
  request: TagDaysRequest,
  before: boolean,
): Promise<{ days: TagDay[]; before: Map<string, TagDay> }> {
  const moves = await tagMoves(store, tag);
  const observed = new Map((await observedDays(store, tag, range.from, range.to)).map((p) => [p.day, p]));
  const wanted = new Map<string, string[]>();
  const extra = new Set<string>(); // `${digest}\0${day}`: a previous digest on a move day
  const add = (digest: string, day: string) => {
    const list = wanted.get(digest);
    if (list) list.push(day);
    else wanted.set(digest, [day]);
  };
  // the days ascend, so the move in effect only moves forward (moves are sorted by since)
  const sorted = [...moves].sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
  let next = 0;
  let current: string | undefined;
  let last: string | undefined;
  for (const day of request.replay ? daysOf(range) : [...observed.keys()].sort()) {
    const end = endOfDay(`${day}T00:00:00.000Z`);
    while (next < sorted.length && sorted[next]!.since <= end) current = sorted[next++]!.digest;
    const digest = current ?? observed.get(day)?.digest;
    if (!digest) continue;
    add(digest, day);
    // the digest before a move is seen on the move's day only where it can be computed (a DB)
    if (before && reader && last !== undefined && last !== digest) {
      add(last, day);
      extra.add(`${last}\0${day}`);
    }
    last = digest;
  }
  const days: TagDay[] = [];
  const previous = new Map<string, TagDay>();
  const cached = reader ? cachingReader(reader) : undefined;
  // without a DB every day is recorded: the findings of the whole range in one read
  const recorded = reader ? undefined : await findingsOfRange(store, tag, range.from, range.to);
  for (const [digest, on] of wanted)
    for (const d of await digestDays(store, cached, digest, on, request, observed, tag, recorded))
      if (extra.has(`${digest}\0${d.day}`)) previous.set(d.day, d);
      else days.push(d);
  days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return { days, before: previous };
}

/** One digest held on every day of the range from `start` on, as if nobody had rebuilt it. */
export async function pinnedDays(
  store: HistoryStore,
  reader: AdvisoryDbReader,
  digest: string,
  start: string,
  range: DayRange,
  request: Omit<TagDaysRequest, 'replay'>,
): Promise<TagDay[]> {
  const days = daysOf(range).filter((d) => d >= start);
  return digestDays(store, reader, digest, days, { ...request, replay: true });
}

/**
 * One digest on the given days under the lens: one replay of its inventory for all of them (a
 * sweep, src/history/replay.ts). `observed` (a tag's observed points by day) marks the days a scan
 * stands for and, for a digest without inventory, gives the recorded findings of those days.
 */
export async function digestDays(
  store: HistoryStore,
  reader: AdvisoryDbReader | undefined,
  digest: string,
  days: readonly string[],
  request: TagDaysRequest,
  observed: ReadonlyMap<string, ObservedDay> = new Map(),
  tag?: TagRef,
  recorded?: ReadonlyMap<string, CompactFinding[]>,
): Promise<TagDay[]> {
  if (days.length === 0) return [];
  // a digest already matched (another lens, another tag of a refresh) is not read and parsed again
  const inventory = !reader
    ? undefined
    : (request.prepared?.get(digest)?.inventory ?? (await digestFacts(store, digest, true)).inventory);
  const seen = (day: string) => observed.get(day);
  if (!inventory || !reader) return recordedDays(store, digest, days, request, observed, tag, recorded);
  const meta = await reader.meta();
  const db = { builtAt: meta.builtAt, feeds: Object.fromEntries(meta.feeds.map((f) => [f.name, f.version])) };
  const today = dayOf((request.now ?? new Date()).toISOString());
  const asked = request.lens === 'now' ? [today] : days;
  const replayed = await replayDays(inventory, reader, asked, {
    vex: request.vex,
    rules: DEFAULT_RULES,
    ...(request.prepared && { prepared: { cache: request.prepared, key: digest } }),
  });
  // days on which nothing changed share their findings: so do their compact forms
  const compact = new Map<unknown, CompactFinding[]>();
  const compacted = (list: readonly Finding[]) => {
    let out = compact.get(list);
    if (!out) compact.set(list, (out = list.map(compactOnce)));
    return out;
  };
  return days.map((day, i) => {
    const r = request.lens === 'now' ? replayed[0]! : replayed[i]!;
    const o = seen(day);
    return {
      day,
      digest,
      observed: o !== undefined,
      basis: 'lens',
      findings: compacted(r.findings),
      vexSuppressed: compacted(r.vexSuppressed),
      coverage: r.coverage,
      scanner: { ...SCANNER },
      db,
      ...(o ? { observedAt: o.observedAt, scannedAt: o.scannedAt } : {}),
    };
  });
}

// a replay's findings are shared by its days, lenses and tags (merged once, replay.ts): compacted once
const compactForms = new WeakMap<Finding, CompactFinding>();
function compactOnce(f: Finding): CompactFinding {
  let c = compactForms.get(f);
  if (!c) compactForms.set(f, (c = compactFinding(f)));
  return c;
}

// a digest known only from a scan's recorded result: its observed days, as recorded (VEX applied)
async function recordedDays(
  store: HistoryStore,
  digest: string,
  days: readonly string[],
  request: TagDaysRequest,
  observed: ReadonlyMap<string, ObservedDay>,
  tag: TagRef | undefined,
  recorded?: ReadonlyMap<string, CompactFinding[]>,
): Promise<TagDay[]> {
  const out: TagDay[] = [];
  const seen = days.map((d) => observed.get(d)).filter((o) => o !== undefined);
  if (!seen.length || !tag) return out;
  const recordedBy = recorded ?? (await findingsOfRange(store, tag, seen[0]!.day, seen.at(-1)!.day));
  for (const day of days) {
    const o = observed.get(day);
    if (!o) continue;
    const found = recordedBy.get(`${o.day}\0${o.digest}\0${o.scanner.name}`) ?? [];
    // no statement (an empty list included) suppresses nothing: nothing to compare
    const vex = request.vex?.length ? request.vex : undefined;
    const kept = vex ? await afterVexFindings(store, o, found, vex) : found;
    const gone = vex ? new Set(kept.map((f) => f.join('\0'))) : undefined;
    out.push({
      day,
      digest: o.digest === digest ? digest : o.digest,
      observed: true,
      basis: 'recorded',
      // a not-affected tuple is never counted (countUnder, countedPairs): no need to copy the list
      findings: kept,
      vexSuppressed: gone ? found.filter((f) => !gone.has(f.join('\0'))) : [],
      coverage: null,
      scanner: o.scanner,
      db: o.db,
      observedAt: o.observedAt,
      scannedAt: o.scannedAt,
    });
  }
  return out;
}
