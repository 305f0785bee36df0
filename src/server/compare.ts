/**
 * `compare` on the server's open store and reader: the library's own comparison of each image
 * (src/history/compare.ts `compareOne`) without opening anything per call, under the request's
 * lens, counting rules and the server's VEX statements ("after VEX").
 */
import { checkpoint } from '../cancel.js';
import { InputError } from '../errors.js';
import { compareOne, type ComparedImage, type CompareResult } from '../history/compare.js';
import type { DayRange } from '../history/date-range.js';
import { parsePinnedRef } from '../history/image-ref.js';
import { DEFAULT_LENS, type Lens } from '../history/lens.js';
import { requireTag } from '../history/store/read.js';
import type { CountingRules } from '../match/types.js';
import type { VexDocumentStatement } from '../match/vex/index.js';
import type { ServerContext } from './context.js';
import { readerIfAny } from './series.js';

/** Compares images (`NAME:TAG`, `NAME:TAG@DATE`, `NAME:TAG@sha256:…`) over a range. */
export async function compareOn(
  ctx: ServerContext,
  refs: readonly string[],
  range: DayRange,
  replay: boolean,
  rules: CountingRules,
  vex?: readonly VexDocumentStatement[],
  lens: Lens = DEFAULT_LENS,
): Promise<CompareResult> {
  if (refs.length < 2) throw new InputError('images: compare needs at least two images (NAME:TAG,NAME:TAG)');
  const pins = refs.map((r) => parsePinnedRef(r, 'images'));
  for (const pin of pins) await requireTag(ctx.store, pin);
  const reader = await readerIfAny(ctx);
  const query = { lens, rules, vex, replay };
  const images: ComparedImage[] = [];
  for (const pin of pins) {
    images.push(await compareOne(ctx.store, reader, pin, range, query));
    // a series read from the store resolves without I/O: 50 of them would hold the event loop
    await checkpoint();
  }
  return { schemaVersion: '1', ...range, lens, rules, images };
}
