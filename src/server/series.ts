/**
 * A tag's daily series on the server's open store and reader, under any counting rules. Under
 * the default rules it is exactly the library's (`observedSeries` / `replayedSeries`, what
 * `history` returns); other rules recount the same points from their stored or replayed findings.
 * With VEX statements ("after VEX") replay takes them and observed points get them as the
 * library's `history --vex` applies them (src/history/vex-points.ts).
 */
import { compactFinding, type CompactFinding } from '../history/compact.js';
import { daysOf, type DayRange } from '../history/date-range.js';
import type { TagRef } from '../history/image-ref.js';
import { replayDays } from '../history/replay.js';
import { observedSeries, replayedSeries } from '../history/series.js';
import { findingsOf, firstObservedDay } from '../history/store/queries-images.js';
import { DEFAULT_RULES } from '../match/counting.js';
import { digestFacts, tagMoves } from '../history/store/read.js';
import { digestAt } from '../history/store/tag-moves.js';
import type { Point } from '../history/types.js';
import type { CountingRules } from '../match/types.js';
import type { VexDocumentStatement } from '../match/vex/index.js';
import { afterVexFindings } from '../history/vex-points.js';
import { SCANNER } from '../scanner.js';
import { dayOf, endOfDay } from '../time/instant.js';
import type { ServerContext } from './context.js';
import { countUnder, isDefaultRules } from './rules.js';

/** The series of one tag over a range, observed or replayed, under the rules. */
export async function seriesOf(
  ctx: ServerContext,
  tag: TagRef,
  range: DayRange,
  replay: boolean,
  rules: CountingRules,
  vex?: readonly VexDocumentStatement[],
): Promise<Point[]> {
  if (isDefaultRules(rules) && !vex)
    return replay
      ? replayedSeries(ctx.store, await ctx.reader(), tag, range)
      : observedSeries(ctx.store, tag, range);
  const observed = await recounted(ctx, tag, await observedSeries(ctx.store, tag, range), rules, vex);
  if (!replay) return observed;
  // as replayedSeries: a day keeps its observation only when its scan ran that day
  const live = new Map(
    observed.filter((p) => p.scannedAt !== undefined && dayOf(p.scannedAt) === p.day).map((p) => [p.day, p]),
  );
  const moves = await tagMoves(ctx.store, tag);
  const wanted = new Map<string, string[]>();
  for (const day of daysOf(range)) {
    const digest = live.has(day) ? undefined : digestAt(moves, endOfDay(day));
    if (digest) wanted.set(digest, [...(wanted.get(digest) ?? []), day]);
  }
  const reader = await ctx.reader();
  const meta = await reader.meta();
  const db = { builtAt: meta.builtAt, feeds: Object.fromEntries(meta.feeds.map((f) => [f.name, f.version])) };
  const points = [...live.values()];
  for (const [digest, days] of wanted) {
    const { inventory } = await digestFacts(ctx.store, digest, true);
    if (!inventory) continue; // known only from a peer's result: a gap, as in the library
    for (const r of await replayDays(inventory, reader, days, { vex })) {
      const counts = countUnder(r.findings.map(compactFinding), rules);
      points.push({ day: r.day, kind: 'replayed', digest, ...counts, scanner: { ...SCANNER }, db });
    }
  }
  return points.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

// observed points recounted from the findings recorded with each (less what VEX suppressed that day)
async function recounted(
  ctx: ServerContext,
  tag: TagRef,
  points: Point[],
  rules: CountingRules,
  vex: readonly VexDocumentStatement[] | undefined,
) {
  const out: Point[] = [];
  for (const p of points) {
    const recorded = await findingsOf(ctx.store, tag, p);
    const findings = vex ? await afterVexFindings(ctx.store, p, recorded, vex) : recorded;
    out.push({ ...p, ...countUnder(findings, rules) });
  }
  return out;
}

/** A finding of a point as the console lists it: the compact tuple and what the DB adds. */
export interface ListedFinding {
  finding: CompactFinding;
  kev: boolean | null;
  epss: number | null;
  cvss: number | null;
  published: string | null;
}

const findingKey = (f: CompactFinding) => `${f[0]}\0${f[3]}\0${f[4]}`;

/**
 * The findings behind one point of a tag's series: an observed point's recorded findings, a
 * replayed point's findings replayed again for its day. With `enrich`, each carries KEV, EPSS,
 * CVSS and publication as the DB knew them that day (a replay of the point's digest for its day);
 * null where the digest has no stored inventory or the server no DB.
 */
export async function findingsAt(
  ctx: ServerContext,
  tag: TagRef,
  point: Point,
  enrich: boolean,
): Promise<ListedFinding[]> {
  const replayed = point.kind === 'replayed' || enrich ? await replayedFindings(ctx, point) : undefined;
  const full = new Map((replayed ?? []).map((f) => [findingKey(compactFinding(f)), f]));
  const compact =
    point.kind === 'observed'
      ? await findingsOf(ctx.store, tag, point)
      : (replayed ?? []).map(compactFinding);
  return compact.map((finding) => {
    const f = replayed ? full.get(findingKey(finding)) : undefined;
    return {
      finding,
      kev: f ? f.kev : null,
      epss: f?.epss ?? null,
      cvss: f?.cvss?.score ?? null,
      published: f?.published ?? null,
    };
  });
}

// the point's digest matched as of the end of its day, when both the inventory and a DB exist
async function replayedFindings(ctx: ServerContext, point: Point) {
  if (!(await ctx.hasDb())) return undefined;
  const { inventory } = await digestFacts(ctx.store, point.digest, true);
  if (!inventory) return undefined;
  const [day] = await replayDays(inventory, await ctx.reader(), [point.day]);
  return day?.findings;
}

/**
 * The first day the tag's daily series (replayed where no scan ran that day, as `compare` draws
 * it) counted each vulnerability id, from the tag's first observed day up to `day`.
 */
export async function firstSeen(ctx: ServerContext, tag: TagRef, day: string): Promise<Map<string, string>> {
  const from = await firstObservedDay(ctx.store, tag);
  const first = new Map<string, string>();
  if (!from || from > day) return first;
  const points = await seriesOf(ctx, tag, { from, to: day }, await ctx.hasDb(), DEFAULT_RULES);
  for (const p of points) for (const id of p.ids) if (!first.has(id)) first.set(id, p.day);
  return first;
}
