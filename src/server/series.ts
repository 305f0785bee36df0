/**
 * A tag's daily series on the server's open store and reader: exactly the library's (`tagSeries`,
 * what `history` returns) under the request's lens, counting rules and VEX, and the findings
 * behind one point.
 */
import { compactFinding, type CompactFinding } from '../history/compact.js';
import type { DayRange } from '../history/date-range.js';
import { DEFAULT_LENS, type Lens } from '../history/lens.js';
import type { TagRef } from '../history/image-ref.js';
import { replayDays } from '../history/replay.js';
import { tagSeries } from '../history/series.js';
import { findingsOf, firstObservedDay } from '../history/store/queries-images.js';
import { DEFAULT_RULES } from '../match/counting.js';
import { digestFacts } from '../history/store/read.js';
import type { Point } from '../history/types.js';
import type { CountingRules } from '../match/types.js';
import type { VexDocumentStatement } from '../match/vex/index.js';
import { dayOf } from '../time/instant.js';
import type { ServerContext } from './context.js';

/** The series of one tag over a range under a lens and the rules: the library's `tagSeries` on the open store. */
export async function seriesOf(
  ctx: ServerContext,
  tag: TagRef,
  range: DayRange,
  replay: boolean,
  rules: CountingRules,
  vex?: readonly VexDocumentStatement[],
  lens: Lens = DEFAULT_LENS,
): Promise<Point[]> {
  return tagSeries(ctx.store, await readerIfAny(ctx), tag, range, { lens, rules, vex, replay });
}

/** The server's advisory DB reader, where it has a DB. */
export async function readerIfAny(ctx: ServerContext) {
  return (await ctx.hasDb()) ? ctx.reader() : undefined;
}

/** A finding of a point as the console lists it: the compact tuple and what the DB adds. */
export interface ListedFinding {
  finding: CompactFinding;
  kev: boolean | null;
  epss: number | null;
  cvss: number | null;
  published: string | null;
}

/**
 * The findings behind one point of a tag's series: the point's digest matched under its lens (as
 * of the end of its day, or now), with KEV, EPSS, CVSS and publication as the DB knew them then;
 * a point a scan recorded (no inventory, or no DB) lists what the scan recorded, without them.
 */
export async function findingsAt(ctx: ServerContext, tag: TagRef, point: Point): Promise<ListedFinding[]> {
  const replayed = point.basis === 'lens' ? await replayedFindings(ctx, point) : undefined;
  if (!replayed)
    return (await findingsOf(ctx.store, tag, point)).map((finding) => ({
      finding,
      kev: null,
      epss: null,
      cvss: null,
      published: null,
    }));
  return replayed.map((f) => ({
    finding: compactFinding(f),
    kev: f.kev,
    epss: f.epss ?? null,
    cvss: f.cvss?.score ?? null,
    published: f.published ?? null,
  }));
}

// the point's digest matched under its lens, when both the inventory and a DB exist
async function replayedFindings(ctx: ServerContext, point: Point) {
  if (!(await ctx.hasDb())) return undefined;
  const { inventory } = await digestFacts(ctx.store, point.digest, true);
  if (!inventory) return undefined;
  const day = point.lens === 'now' ? dayOf(new Date().toISOString()) : point.day;
  const [replayed] = await replayDays(inventory, await ctx.reader(), [day]);
  return replayed?.findings;
}

/**
 * The first day the tag's daily series (under the lens) counted each vulnerability id, from the
 * tag's first observed day up to `day`.
 */
export async function firstSeen(
  ctx: ServerContext,
  tag: TagRef,
  day: string,
  lens: Lens = DEFAULT_LENS,
): Promise<Map<string, string>> {
  const from = await firstObservedDay(ctx.store, tag);
  const first = new Map<string, string>();
  if (!from || from > day) return first;
  const points = await seriesOf(
    ctx,
    tag,
    { from, to: day },
    await ctx.hasDb(),
    DEFAULT_RULES,
    undefined,
    lens,
  );
  for (const p of points) for (const id of p.ids) if (!first.has(id)) first.set(id, p.day);
  return first;
}
