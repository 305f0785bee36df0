/**
 * Computes one tag's materialised series from a day on: both lenses under the default counting
 * rules, through the one computation every series uses (tag-days.ts, counted by series.ts's
 * `pointOf`), so a materialised point is the point a live series would give, by construction.
 */
import type { AdvisoryDbReader } from '../../advisory/db/types.js';
import { DEFAULT_RULES } from '../../match/counting.js';
import { dayOf } from '../../time/instant.js';
import type { TagRef } from '../image-ref.js';
import { LENSES, type Lens } from '../lens.js';
import { storedRowOf } from '../directory-row.js';
import { STORED_RECENT } from './latest.js';
import { pointOf } from '../series.js';
import type { HistoryStore } from '../store/open.js';
import { lastObservedDay } from '../store/queries-images.js';
import type { PreparedReplay } from '../replay.js';
import { tagDays, type TagDay } from '../tag-days.js';
import {
  digestFingerprint,
  fingerprintsText,
  parseFingerprints,
  type DigestFingerprints,
} from './fingerprint.js';
import { toSegments, type Segment } from './segments.js';
import { inputsOf, writeSeries, type LatestPoints, type SeriesState } from './store.js';

export interface ComputeTagOptions {
  /** the first day to compute; absent: the tag's first day (a full computation) */
  from?: string;
  /** the tag's state before, whose reads stay part of the fingerprint when only a part is computed */
  previous?: SeriesState;
  dbKey: string;
  now: Date;
  /** each digest's match, shared by every tag of a refresh (tags share digests; both lenses do) */
  prepared?: Map<string, PreparedReplay>;
}

/** Computes and stores a tag's series from `from` (or its first day) to today; answers the days computed. */
export async function computeTagSeries(
  store: HistoryStore,
  reader: AdvisoryDbReader,
  ref: TagRef,
  options: ComputeTagOptions,
): Promise<number> {
  const inputs = await inputsOf(store, ref);
  const today = dayOf(options.now.toISOString());
  const start = (await firstDayOf(store, ref)) ?? today;
  const first = options.from && options.from > start ? options.from : start;
  const last = (await lastObservedDay(store, ref)) ?? today;
  const range = { from: first, to: last > today ? last : today };
  const segments = {} as Record<Lens, Segment[]>;
  const latest: LatestPoints = { ...(options.from ? options.previous?.latest : {}) };
  let days = 0;
  const digests = new Set<string>(); // the digests matched: what the series read is what they read
  const prepared = options.prepared ?? new Map<string, PreparedReplay>(); // once for both lenses
  for (const lens of LENSES) {
    const tagged = await tagDays(store, reader, ref, range, {
      lens,
      replay: true,
      now: options.now,
      prepared,
    });
    const count = (d: TagDay) => pointOf(d, { lens, rules: DEFAULT_RULES });
    segments[lens] = toSegments(tagged, count);
    const at = tagged.findIndex((d) => d.day === last);
    if (at >= 0) {
      const window = tagged.slice(Math.max(0, at - STORED_RECENT), at + 1);
      const day = tagged[at]!;
      latest[lens] = await storedRowOf(
        store,
        day,
        window.map(count),
        STORED_RECENT,
        prepared.get(day.digest)?.inventory,
      );
    }
    days += tagged.length;
    for (const d of tagged) if (d.basis === 'lens') digests.add(d.digest);
  }
  // the days before `from` were computed from the previous digests: their fingerprints stay
  const fingerprints: DigestFingerprints =
    (options.from && options.previous && parseFingerprints(options.previous.fingerprint)) || {};
  for (const digest of digests) {
    const p = prepared.get(digest);
    if (!p) continue;
    fingerprints[digest] = await digestFingerprint(p.inventory, reader);
  }
  await writeSeries(store, {
    ref,
    from: range.from,
    segments,
    inputs,
    state: {
      dbKey: options.dbKey,
      through: range.to,
      fingerprint: fingerprintsText(fingerprints),
      computedAt: new Date().toISOString(),
      latest,
    },
  });
  return days;
}

// the first day the tag pointed anywhere or was observed
async function firstDayOf(store: HistoryStore, ref: TagRef): Promise<string | undefined> {
  const move = await store.db
    .selectFrom('tag_digest')
    .select((eb) => eb.fn.min('since').as('since'))
    .where('image', '=', ref.image)
    .where('tag', '=', ref.tag)
    .executeTakeFirst();
  const observed = await store.db
    .selectFrom('observation')
    .select((eb) => eb.fn.min('day').as('day'))
    .where('image', '=', ref.image)
    .where('tag', '=', ref.tag)
    .executeTakeFirst();
  const days = [move?.since ? dayOf(move.since) : undefined, observed?.day ?? undefined].filter(
    (d): d is string => Boolean(d),
  );
  return days.sort()[0];
}
