/**
 * `compare`: several images side by side over one range: latest count, daily average, size, daily
 * counts by severity, and the accumulation curve. `NAME:TAG@DATE` or `NAME:TAG@sha256:…` pins an
 * image to one digest, replayed forward as if nobody had ever rebuilt it.
 */
import type { AdvisoryDbReader } from '../advisory/db/types.js';
import { InputError, NotFoundError } from '../errors.js';
import { dayOf } from '../time/instant.js';
import { accumulationOf, dailyAverage } from './accumulation.js';
import { dayRange, type DayRange } from './date-range.js';
import { formatTagRef, parsePinnedRef, type PinnedRef } from './image-ref.js';
import { firstPointedAt, pinnedSeries, tagSeries, type SeriesQuery } from './series.js';
import { openDbIfAny } from './open-db.js';
import { DEFAULT_LENS, type Lens } from './lens.js';
import { DEFAULT_RULES } from '../match/counting.js';
import type { CountingRules } from '../match/types.js';
import { withHistoryStore, type HistoryStore } from './store/open.js';
import { digestFacts, requireTag, tagMoves } from './store/read.js';
import { digestAt } from './store/tag-moves.js';
import type { Point } from './types.js';
import { readVexFiles } from './vex-points.js';

export interface CompareOptions {
  from?: string;
  to?: string;
  /** replay the days of unpinned images that no scan observed (pinned ones are always replayed) */
  replay?: boolean;
  store?: string;
  db?: string;
  /** VEX documents (OpenVEX or CycloneDX) whose statements apply from their timestamps on ("after VEX") */
  vex?: string[];
  lens?: Lens;
  rules?: Partial<CountingRules>;
  now?: Date;
}

export interface ComparedImage {
  /** as the user wrote it */
  ref: string;
  image: string;
  tag: string;
  /** the digest a pinned image is held at */
  pinned: { digest: string; since: string } | null;
  latest: { day: string; total: number } | null;
  dailyAverage: number | null;
  /** new vulnerabilities (not there on the first day) per 30 days */
  accumulationRate: number | null;
  /** the image size of the latest point's digest, where known (not for an SBOM) */
  sizeBytes: number | null;
  points: (Point & { cumulative: number })[];
}

export interface CompareResult {
  schemaVersion: '1';
  from: string;
  to: string;
  lens: Lens;
  rules: CountingRules;
  images: ComparedImage[];
}

/** Compares images (`NAME:TAG`, or pinned `NAME:TAG@DATE` / `@sha256:…`) over a range of days. */
export async function compare(refs: readonly string[], options: CompareOptions = {}): Promise<CompareResult> {
  if (refs.length < 2)
    throw new InputError('compare needs at least two images (NAME:TAG, or NAME:TAG@DATE to pin one)');
  const pins = refs.map((r) => parsePinnedRef(r, 'image'));
  const range = dayRange(options.from, options.to, options.now);
  const needsDb = options.replay || pins.some((p) => p.at || p.digest);
  const statements = options.vex ? await readVexFiles(options.vex) : undefined;
  const query: SeriesQuery = {
    lens: options.lens ?? DEFAULT_LENS,
    rules: { ...DEFAULT_RULES, ...options.rules },
    replay: Boolean(options.replay),
    vex: statements,
    now: options.now,
  };
  return withHistoryStore(options.store, { readonly: true }, async (store) => {
    for (const pin of pins) await requireTag(store, pin);
    const reader = await openDbIfAny(options.db, Boolean(needsDb));
    try {
      const images: ComparedImage[] = [];
      for (const pin of pins) images.push(await compareOne(store, reader, pin, range, query));
      return { schemaVersion: '1', ...range, lens: query.lens, rules: query.rules, images };
    } finally {
      await reader?.close();
    }
  });
}

/** One image of a comparison: a pinned one replayed from its day, a tag's series otherwise. */
export async function compareOne(
  store: HistoryStore,
  reader: AdvisoryDbReader | undefined,
  pin: PinnedRef,
  range: DayRange,
  query: SeriesQuery,
): Promise<ComparedImage> {
  let pinned: ComparedImage['pinned'] = null;
  let points: Point[];
  if (reader && (pin.at || pin.digest)) {
    pinned = await resolvePin(store, pin);
    points = await pinnedSeries(store, reader, pinned.digest, dayOf(pinned.since), range, query);
  } else points = await tagSeries(store, reader, pin, range, query);
  return comparedImage(store, pin, pinned, points);
}

/** One image of a comparison from its series: latest, daily average, size, accumulation. */
export async function comparedImage(
  store: HistoryStore,
  pin: PinnedRef,
  pinned: ComparedImage['pinned'],
  points: Point[],
): Promise<ComparedImage> {
  const last = points.at(-1);
  const { cumulative, rate } = accumulationOf(points);
  return {
    ref: pin.text,
    image: pin.image,
    tag: pin.tag,
    pinned,
    latest: last ? { day: last.day, total: last.total } : null,
    dailyAverage: dailyAverage(points),
    accumulationRate: rate,
    sizeBytes: last ? (await digestFacts(store, last.digest)).sizeBytes : null,
    // the points are this call's own: the column is added in place, not by copying each point
    points: points.map((p, i) => Object.assign(p, { cumulative: cumulative[i]! })),
  };
}

// @DATE: the digest the tag pointed to then, held from that day; @sha256: from when the tag first pointed to it
export async function resolvePin(
  store: HistoryStore,
  pin: PinnedRef,
): Promise<{ digest: string; since: string }> {
  const moves = await tagMoves(store, pin);
  if (pin.digest) {
    const since = firstPointedAt(moves, pin.digest);
    if (!since) throw new NotFoundError(`${pin.text}: ${formatTagRef(pin)} never pointed to ${pin.digest}`);
    await requireInventory(store, pin, pin.digest);
    return { digest: pin.digest, since };
  }
  const digest = digestAt(moves, pin.at!);
  if (!digest)
    throw new NotFoundError(
      `${pin.text}: ${formatTagRef(pin)} was not recorded on or before ${dayOf(pin.at!)}`,
    );
  await requireInventory(store, pin, digest);
  return { digest, since: pin.at! };
}

async function requireInventory(store: HistoryStore, pin: PinnedRef, digest: string): Promise<void> {
  if (!(await digestFacts(store, digest, true)).inventory)
    throw new InputError(
      `${pin.text}: ${digest} has no stored inventory to replay (it is known only from an imported result)`,
    );
}
