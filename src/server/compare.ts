/**
 * `compare` on the server's open store and reader: the library's `compare` (src/history/compare.ts)
 * without opening anything per call, with the counting rules of the request for every image
 * (a pinned one is replayed and its findings counted under them), and the server's VEX statements
 * under "after VEX". Pins resolve as the library resolves them; the route tests check both give the same.
 */
import { InputError, NotFoundError } from '../errors.js';
import { comparedImage, type ComparedImage, type CompareResult } from '../history/compare.js';
import type { DayRange } from '../history/date-range.js';
import { formatTagRef, parsePinnedRef, type PinnedRef } from '../history/image-ref.js';
import { firstPointedAt, pinnedSeries } from '../history/series.js';
import { digestFacts, requireTag, tagMoves } from '../history/store/read.js';
import { digestAt } from '../history/store/tag-moves.js';
import type { Point } from '../history/types.js';
import type { CountingRules } from '../match/types.js';
import type { VexDocumentStatement } from '../match/vex/index.js';
import { dayOf } from '../time/instant.js';
import type { ServerContext } from './context.js';
import { countUnder } from './rules.js';
import { seriesOf } from './series.js';

/** Compares images (`NAME:TAG`, `NAME:TAG@DATE`, `NAME:TAG@sha256:…`) over a range. */
export async function compareOn(
  ctx: ServerContext,
  refs: readonly string[],
  range: DayRange,
  replay: boolean,
  rules: CountingRules,
  vex?: readonly VexDocumentStatement[],
): Promise<CompareResult> {
  if (refs.length < 2) throw new InputError('images: compare needs at least two images (NAME:TAG,NAME:TAG)');
  const pins = refs.map((r) => parsePinnedRef(r, 'images'));
  for (const pin of pins) await requireTag(ctx.store, pin);
  const images: ComparedImage[] = [];
  for (const pin of pins) images.push(await compareOne(ctx, pin, range, replay, rules, vex));
  return { schemaVersion: '1', ...range, images };
}

async function compareOne(
  ctx: ServerContext,
  pin: PinnedRef,
  range: DayRange,
  replay: boolean,
  rules: CountingRules,
  vex: readonly VexDocumentStatement[] | undefined,
): Promise<ComparedImage> {
  let pinned: ComparedImage['pinned'] = null;
  let points: Point[];
  if (pin.at || pin.digest) {
    pinned = await resolvePin(ctx, pin);
    const reader = await ctx.reader();
    // replayed every day, and its findings counted under the request's rules like any other image
    points = await pinnedSeries(ctx.store, reader, pinned.digest, dayOf(pinned.since), range, vex, (f) =>
      countUnder(f, rules),
    );
  } else points = await seriesOf(ctx, pin, range, replay, rules, vex);
  return comparedImage(ctx.store, pin, pinned, points);
}

// as the library: @DATE holds the digest of that day from then on; @sha256 from when the tag first pointed to it
async function resolvePin(ctx: ServerContext, pin: PinnedRef): Promise<{ digest: string; since: string }> {
  const moves = await tagMoves(ctx.store, pin);
  const digest = pin.digest ?? digestAt(moves, pin.at!);
  const since = pin.digest ? firstPointedAt(moves, pin.digest) : pin.at;
  if (!digest || !since)
    throw new NotFoundError(`${pin.text}: ${formatTagRef(pin)} has no recorded digest there`);
  if (!(await digestFacts(ctx.store, digest, true)).inventory)
    throw new InputError(
      `${pin.text}: ${digest} has no stored inventory to replay (it is known only from an imported result)`,
    );
  return { digest, since };
}
