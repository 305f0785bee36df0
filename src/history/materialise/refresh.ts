/**
 * Keeps every tag's materialised series current (docs/architecture.md, "Materialised series"):
 * - a tag never computed, or whose state was lost: computed whole;
 * - a new observation marked the tag dirty from its day: recomputed from that day;
 * - a new advisory DB build: each digest the tag was computed from is matched against the new DB
 *   and its fingerprint compared (fingerprint.ts); where one changed, the tag is recomputed from
 *   the first day of the earliest such digest, else its series is kept as it is under the new build;
 * - a new day: the days since the last computed one are added.
 * One shared caching reader serves every tag of a run, so each package's rows are read once per
 * DB build however many images carry it.
 */
import type { AdvisoryDbReader } from '../../advisory/db/types.js';
import { checkpoint, currentSignal } from '../../cancel.js';
import { dayOf } from '../../time/instant.js';
import { cachingReader } from '../caching-reader.js';
import type { PreparedReplay } from '../replay.js';
import { addDays } from '../date-range.js';
import type { TagRef } from '../image-ref.js';
import type { HistoryStore } from '../store/open.js';
import { dbKeyOf } from './db-key.js';
import { digestFingerprint, parseFingerprints } from './fingerprint.js';
import { digestFacts } from '../store/read.js';
import type { Inventory } from '../../catalog/types.js';
import { computeTagSeries } from './compute-tag.js';
import { keepUnderDb, readStates, type SeriesState } from './store.js';

/** What a refresh did to each tag. */
export type RefreshAction = 'computed' | 'recomputed' | 'dirty' | 'extended' | 'kept' | 'current';

export interface RefreshResult {
  /** tags by what was done to them */
  tags: Record<RefreshAction, TagRef[]>;
  /** days computed in all */
  days: number;
  ms: number;
}

export interface RefreshOptions {
  /** only these tags (default: every tag of the store) */
  tags?: readonly TagRef[];
  now?: Date;
  signal?: AbortSignal;
  onTag?: (ref: TagRef, action: RefreshAction, done: number, total: number) => void;
}

/** Brings the materialised series of the store's tags up to date with the store, the DB and the day. */
export async function refreshSeries(
  store: HistoryStore,
  reader: AdvisoryDbReader,
  options: RefreshOptions = {},
): Promise<RefreshResult> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const today = dayOf(now.toISOString());
  const dbKey = dbKeyOf(await reader.meta());
  const shared = cachingReader(reader);
  // a digest's match against this DB, for every tag that points to it
  const prepared = new Map<string, PreparedReplay>();
  // inventories read to check a digest under a new DB build (the prepared ones hold theirs)
  const inventories = new Map<string, Inventory | null>();
  const states = await readStates(store);
  const tags =
    options.tags ??
    (await store.db.selectFrom('tag').select(['image', 'tag']).orderBy('image').orderBy('tag').execute());
  const result: RefreshResult = {
    tags: { computed: [], recomputed: [], dirty: [], extended: [], kept: [], current: [] },
    days: 0,
    ms: 0,
  };
  const signal = options.signal ?? currentSignal();
  let done = 0;
  for (const t of tags) {
    await checkpoint(signal);
    const ref = { image: t.image, tag: t.tag };
    const state = states.get(`${ref.image}\0${ref.tag}`);
    const compute = (from?: string) =>
      computeTagSeries(store, shared, ref, { from, previous: state, dbKey, now, prepared });
    let action: RefreshAction;
    const changed =
      state && state.dbKey !== dbKey ? await changedUnder(store, shared, state, prepared, inventories) : [];
    if (!state) {
      action = 'computed';
      result.days += await compute();
    } else if (changed.length) {
      // the days of a digest whose matches did not change are what they were: from the first other on
      action = 'recomputed';
      const from = changed === 'all' ? undefined : await firstDayOf(store, ref, changed);
      result.days += await compute(
        from && state.dirtyFrom && state.dirtyFrom < from ? state.dirtyFrom : from,
      );
    } else if (state.dirtyFrom) {
      action = 'dirty';
      result.days += await compute(state.dirtyFrom);
    } else if (state.through < today) {
      action = 'extended';
      result.days += await compute(addDays(state.through, 1));
    } else if (state.dbKey !== dbKey) {
      action = 'kept';
      await keepUnderDb(store, ref, dbKey);
    } else action = 'current';
    result.tags[action].push(ref);
    options.onTag?.(ref, action, ++done, tags.length);
  }
  result.ms = Date.now() - started;
  return result;
}

/**
 * The digests whose days do not hold under another DB build: each digest the tag was computed from
 * is matched against the new build (once per refresh, whichever tag asks first) and compared with
 * its stored fingerprint; 'all' where the tag's fingerprints are of an older form.
 */
async function changedUnder(
  store: HistoryStore,
  reader: AdvisoryDbReader,
  state: SeriesState,
  prepared: Map<string, PreparedReplay>,
  inventories: Map<string, Inventory | null>,
): Promise<string[] | 'all'> {
  // a tag computed from recorded results only read nothing from the DB: {} holds under any build
  const stored = parseFingerprints(state.fingerprint);
  if (!stored) return 'all';
  const changed: string[] = [];
  for (const [digest, fingerprint] of Object.entries(stored)) {
    let inventory = prepared.get(digest)?.inventory ?? inventories.get(digest);
    if (inventory === undefined)
      inventories.set(digest, (inventory = (await digestFacts(store, digest, true)).inventory ?? null));
    if (!inventory || (await digestFingerprint(inventory, reader)) !== fingerprint) changed.push(digest);
  }
  return changed;
}

// the first day a stored segment of the tag holds one of the digests (undefined: none, compute all)
async function firstDayOf(store: HistoryStore, ref: TagRef, digests: string[]): Promise<string | undefined> {
  const row = await store.db
    .selectFrom('series_segment')
    .select((eb) => eb.fn.min('first_day').as('day'))
    .where('image', '=', ref.image)
    .where('tag', '=', ref.tag)
    .where('digest', 'in', digests)
    .executeTakeFirst();
  return row?.day ?? undefined;
}
