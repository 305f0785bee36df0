/**
 * The scheduler of one machine on SQLite: no queue, the same runs. Every poll, each due watch is
 * run in turn, a failure retried with doubling backoff (1 s, 2 s, 4 s …) and recorded on the
 * watch after the last attempt. Switching to PostgreSQL is the `--store` URL and nothing else.
 */
import { errorMessage } from '../errors.js';
import { openAdvisoryDb } from '../advisory/db/index.js';
import { openHistoryStore, type HistoryStore } from '../history/store/open.js';
import { defaultDbPath } from '../advisory/db/paths.js';
import { dbRefresher } from './db-refresh.js';
import { dueWatches, runWatch } from './run-watch.js';
import type { WorkerOptions } from './queue.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the due watches once: returns how many were observed and how many failed for good. */
export async function runDueWatchesLocally(
  options: WorkerOptions,
  now = new Date(),
): Promise<{ observed: number; failed: number }> {
  // one store and one advisory DB reader for the whole round, not one per watch
  const store = await openHistoryStore(options.store);
  try {
    return await runDue(store, options, now);
  } finally {
    await store.close();
  }
}

async function runDue(
  store: HistoryStore,
  options: WorkerOptions,
  now: Date,
): Promise<{ observed: number; failed: number }> {
  const due = await dueWatches(store, now);
  let observed = 0;
  let failed = 0;
  const attempts = options.maxAttempts ?? 5;
  if (!due.length) return { observed, failed };
  const db = options.db ?? defaultDbPath();
  await dbRefresher(options.dbFrom, db, { ...options, intervalMs: 0 })();
  // opened after the refresh (a first pull brings the DB); a missing DB fails each watch below
  const reader = await openAdvisoryDb(db).catch(() => undefined);
  try {
    for (const w of due) await runWithRetries(w);
  } finally {
    await reader?.close();
  }
  return { observed, failed };

  async function runWithRetries(w: (typeof due)[number]): Promise<void> {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const outcome = await runWatch(w, {
          ...options,
          now,
          final: attempt === attempts,
          openStore: store,
          ...(reader ? { reader } : {}),
        });
        if (outcome === 'observed') observed++;
        options.onEvent?.(`${outcome} ${w.image}:${w.tag} (attempt ${attempt})`);
        break;
      } catch (err) {
        options.onEvent?.(`failed ${w.image}:${w.tag} (attempt ${attempt}): ${errorMessage(err)}`);
        if (attempt === attempts) failed++;
        else await sleep(1000 * 2 ** (attempt - 1));
      }
    }
  }
}

/** Polls every minute until SIGINT/SIGTERM (or once). */
export async function runLocalScheduler(options: WorkerOptions, pollMs = 60_000): Promise<void> {
  let stopped = false;
  const stop = () => (stopped = true);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    do {
      await runDueWatchesLocally(options);
      for (let waited = 0; !stopped && !options.once && waited < pollMs; waited += 250) await sleep(250);
    } while (!stopped && !options.once);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
