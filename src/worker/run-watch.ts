/**
 * One run of one watch, the same for the queue of PostgreSQL (graphile-worker) and the in-process
 * scheduler of SQLite: observe the tag unless this period was observed already, then record it on
 * the watch. The observation and the watch's period are written in ONE transaction (the one of
 * `track`), keyed by (tag, digest, day, scanner): a run repeated after a worker died, or after the
 * store went away in the middle of it, finds either nothing or both, so the store holds each
 * period once whatever happened to the job.
 */
import type { AdvisoryDbReader } from '../advisory/db/types.js';
import { formatTagRef, type TagRef } from '../history/image-ref.js';
import { openHistoryStore, type HistoryStore } from '../history/store/open.js';
import { track } from '../history/track.js';
import { UnavailableError, errorMessage } from '../errors.js';
import { toCount } from '../store/sql-values.js';
import { withEgressPolicy, type EgressPolicy } from '../image/registry/egress-policy.js';
import { watchDb } from './schema.js';

// the errors that came from the history store, not from the image or the scan
const storeErrors = new WeakSet<object>();
const fromStore = <T>(work: Promise<T>): Promise<T> =>
  work.catch((err: unknown) => {
    if (typeof err === 'object' && err !== null) storeErrors.add(err);
    throw err;
  });

/**
 * Whether a run failed because the history store could not be reached (a PostgreSQL restart):
 * not the watch's failure; the run can be made again once the store answers.
 */
export function isStoreOutage(err: unknown): boolean {
  return err instanceof UnavailableError && storeErrors.has(err);
}

/** The index of the period an instant falls in: a watch is observed once per index. */
export function periodOf(now: Date, everySeconds: number): number {
  return Math.floor(now.getTime() / 1000 / everySeconds);
}

/** The watches due at `now`: never observed, or not in the current period, and not failed for good in it. */
export async function dueWatches(store: HistoryStore, now: Date): Promise<(TagRef & { period: number })[]> {
  const rows = await watchDb(store).selectFrom('watch').selectAll().orderBy('image').orderBy('tag').execute();
  return rows.flatMap((r) => {
    const period = periodOf(now, toCount(r.every_seconds));
    const failedNow =
      r.failed_at !== null && periodOf(new Date(r.failed_at), toCount(r.every_seconds)) === period;
    const done = r.last_period !== null && toCount(r.last_period) >= period;
    return done || failedNow ? [] : [{ image: r.image, tag: r.tag, period }];
  });
}

export interface RunWatchOptions {
  store: string;
  db?: string;
  now?: Date;
  /** the last attempt: a failure is then recorded on the watch with its reason */
  final?: boolean;
  cacheMaxBytes?: number;
  /** the store to use, left open (a worker's, on its one pool); `store` is then not opened */
  openStore?: HistoryStore;
  /** the advisory DB reader to scan with, left open; `db` is then not opened */
  reader?: AdvisoryDbReader;
  /** the period the run is for (a queued job's); default: the period `now` falls in */
  period?: number;
  /** the policy a watch added through the API is pulled under (default: loopback, private … refused) */
  egress?: EgressPolicy;
}

// another run recorded this period first (a job taken over while its first worker still ran):
// the transaction is rolled back and the run is a skip
class PeriodTaken extends Error {}

/** Runs one watch; returns whether it observed or found nothing to do. */
export async function runWatch(ref: TagRef, options: RunWatchOptions): Promise<'observed' | 'skipped'> {
  const store = options.openStore ?? (await openHistoryStore(options.store));
  try {
    return await runOn(store, ref, options);
  } finally {
    if (!options.openStore) await store.close();
  }
}

async function runOn(
  store: HistoryStore,
  ref: TagRef,
  options: RunWatchOptions,
): Promise<'observed' | 'skipped'> {
  const now = options.now ?? new Date();
  const watch = await fromStore(
    watchDb(store)
      .selectFrom('watch')
      .selectAll()
      .where('image', '=', ref.image)
      .where('tag', '=', ref.tag)
      .executeTakeFirst(),
  );
  if (!watch) return 'skipped'; // removed since it was queued
  const period = options.period ?? periodOf(now, toCount(watch.every_seconds));
  if (watch.last_period !== null && toCount(watch.last_period) >= period) return 'skipped';
  let marked = false;
  // the period is recorded only if no other run recorded it (or a later one) meanwhile
  const mark = async (s: HistoryStore) => {
    const result = await watchDb(s)
      .updateTable('watch')
      .set({ last_period: period, last_observed_at: now.toISOString(), last_error: null, failed_at: null })
      .where('image', '=', ref.image)
      .where('tag', '=', ref.tag)
      .where((eb) => eb.or([eb('last_period', 'is', null), eb('last_period', '<', period)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new PeriodTaken();
    marked = true;
  };
  // track writes its batch through store.transaction: the watch is marked inside that transaction
  const marking: HistoryStore = {
    ...store,
    transaction: (fn) =>
      fromStore(
        store.transaction(async (trx) => {
          const result = await fn(trx);
          // test-only: hold the transaction open, so a test can restart the server in the middle of it
          const hold = Number(process.env.CLEANROOM_TEST_TX_HOLD_MS ?? 0);
          if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
          await mark(trx);
          return result;
        }),
      ),
  };
  // a watch added through the API reaches only what the server's egress policy allows
  const policy = watch.origin === 'api' ? (options.egress ?? { allow: [] }) : undefined;
  try {
    await withEgressPolicy(policy, () =>
      track([watch.source], {
        as: ref,
        openStore: marking,
        ...(options.reader ? { reader: options.reader } : { db: options.db }),
        now,
        platform: watch.platform ?? undefined,
        plainHttp: toCount(watch.plain_http) === 1,
        ...(options.cacheMaxBytes !== undefined ? { cacheMaxBytes: options.cacheMaxBytes } : {}),
      }),
    );
  } catch (err) {
    if (err instanceof PeriodTaken) return 'skipped';
    // an unreachable store is not the image's failure (and could not be recorded anyway)
    if (options.final && !isStoreOutage(err))
      await recordFailure(store, ref, `${formatTagRef(ref)}: ${errorMessage(err)}`, now);
    throw err;
  }
  // track wrote outside a transaction of ours: mark it after
  if (!marked)
    await fromStore(mark(store)).catch((err: unknown) => {
      if (!(err instanceof PeriodTaken)) throw err;
    });
  return 'observed';
}

async function recordFailure(store: HistoryStore, ref: TagRef, reason: string, now: Date): Promise<void> {
  await watchDb(store)
    .updateTable('watch')
    .set({ last_error: reason, failed_at: now.toISOString() })
    .where('image', '=', ref.image)
    .where('tag', '=', ref.tag)
    .execute();
}
