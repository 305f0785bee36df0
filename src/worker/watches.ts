/** Watches as data: add, list and remove the tags a worker observes every period. */
import { InputError, NotFoundError } from '../errors.js';
import { formatTagRef, parseTagRef } from '../history/image-ref.js';
import { withHistoryStore, type HistoryStore } from '../history/store/open.js';
import { toCount } from '../store/sql-values.js';
import { watchDb, type WatchTable } from './schema.js';

/** A watch as the CLI and the API show it. */
export interface Watch {
  ref: string;
  image: string;
  tag: string;
  source: string;
  everySeconds: number;
  platform: string | null;
  plainHttp: boolean;
  createdAt: string;
  lastObservedAt: string | null;
  /** the reason of the last permanent failure, if the last run failed for good */
  lastError: string | null;
  failedAt: string | null;
}

export interface AddWatchOptions {
  /** what to pull (default: NAME:TAG itself, as a registry reference) */
  source?: string;
  everySeconds?: number;
  platform?: string;
  plainHttp?: boolean;
  store?: string;
  /** an open store to use instead of opening `store` (the API server's) */
  openStore?: HistoryStore;
  now?: Date;
  /** `api` for a watch added through the API: its pulls go under the egress policy (default `cli`) */
  origin?: 'cli' | 'api';
}

/** Where a watch call works: the caller's open store, or the one at `store` opened for the call. */
export interface WatchStoreOptions {
  store?: string;
  openStore?: HistoryStore;
}

const DAY = 86_400;

function onStore<T>(options: WatchStoreOptions, fn: (store: HistoryStore) => Promise<T>): Promise<T> {
  return options.openStore ? fn(options.openStore) : withHistoryStore(options.store, {}, fn);
}

/** Adds (or updates) watches of `NAME:TAG`s. */
export async function addWatches(refs: readonly string[], options: AddWatchOptions = {}): Promise<Watch[]> {
  const tags = refs.map((r) => parseTagRef(r, 'watch'));
  if (options.source && tags.length > 1)
    throw new InputError('--source names one source: give one NAME:TAG with it');
  const every = options.everySeconds ?? DAY;
  if (!Number.isInteger(every) || every < 60)
    throw new InputError(`--every: ${every} s is shorter than a minute`);
  const created = (options.now ?? new Date()).toISOString();
  return onStore(options, async (store) => {
    await store.transaction(async (trx) => {
      for (const t of tags) {
        const row: WatchTable = {
          image: t.image,
          tag: t.tag,
          source: options.source ?? formatTagRef(t),
          every_seconds: every,
          platform: options.platform ?? null,
          plain_http: options.plainHttp ? 1 : 0,
          created_at: created,
          last_period: null,
          last_observed_at: null,
          last_error: null,
          failed_at: null,
          origin: options.origin ?? 'cli',
        };
        await watchDb(trx)
          .insertInto('watch')
          .values(row)
          .onConflict((oc) =>
            oc.columns(['image', 'tag']).doUpdateSet({
              source: row.source,
              every_seconds: row.every_seconds,
              platform: row.platform,
              plain_http: row.plain_http,
              origin: row.origin,
            }),
          )
          .execute();
      }
    });
    return (await listFrom(store)).filter((w) => tags.some((t) => t.image === w.image && t.tag === w.tag));
  });
}

/** Every watch, by image and tag. */
export async function listWatches(options: WatchStoreOptions = {}): Promise<Watch[]> {
  return onStore(options, listFrom);
}

/** Removes watches; an unknown one is refused before any is removed. */
export async function removeWatches(
  refs: readonly string[],
  options: WatchStoreOptions = {},
): Promise<number> {
  const tags = refs.map((r) => parseTagRef(r, 'watch'));
  return onStore(options, async (store) => {
    const known = await listFrom(store);
    for (const t of tags)
      if (!known.some((w) => w.image === t.image && w.tag === t.tag))
        throw new NotFoundError(`no watch of ${formatTagRef(t)} (see cleanroom watch list)`);
    await store.transaction(async (trx) => {
      for (const t of tags)
        await watchDb(trx)
          .deleteFrom('watch')
          .where('image', '=', t.image)
          .where('tag', '=', t.tag)
          .execute();
    });
    return tags.length;
  });
}

async function listFrom(store: Parameters<typeof watchDb>[0]): Promise<Watch[]> {
  const rows = await watchDb(store).selectFrom('watch').selectAll().orderBy('image').orderBy('tag').execute();
  return rows.map((r) => ({
    ref: formatTagRef({ image: r.image, tag: r.tag }),
    image: r.image,
    tag: r.tag,
    source: r.source,
    everySeconds: toCount(r.every_seconds),
    platform: r.platform,
    plainHttp: toCount(r.plain_http) === 1,
    createdAt: r.created_at,
    lastObservedAt: r.last_observed_at,
    lastError: r.last_error,
    failedAt: r.failed_at,
  }));
}
