/**
 * The queue on PostgreSQL (graphile-worker): a cron task enqueues one `cleanroom:track` job per due
 * watch with a job key of (tag, period), so a tag is queued once per period however many workers
 * run; graphile-worker locks each job for one worker, retries failures with exponential backoff,
 * and hands a job whose worker died to another once its lock has expired.
 *
 * A worker process opens its connections once (`connection.ts`): one pg pool for the queue and the
 * store, one advisory DB reader. When PostgreSQL restarts under it, the jobs in flight wait for it
 * and run again in the same attempt (the store's outage is not their image's failure), and should
 * graphile-worker give up its worker pool (it cannot complete a job while the server is away), the
 * pool is started again once the server answers, its jobs unlocked for the new one at once rather
 * than after the 4-hour lock timeout.
 */
import { EventEmitter } from 'node:events';
import {
  Logger,
  makeWorkerUtils,
  run,
  runOnce,
  type Runner,
  type Task,
  type TaskList,
  type WorkerEvents,
  type WorkerUtils,
} from 'graphile-worker';
import { defaultDbPath } from '../advisory/db/paths.js';
import { errorMessage } from '../errors.js';
import type { EgressPolicy } from '../image/registry/egress-policy.js';
import { openHistoryStore, type HistoryStore } from '../history/store/open.js';
import { openWorkerConnection, type WorkerConnection } from './connection.js';
import { dbRefresher } from './db-refresh.js';
import { dueWatches, isStoreOutage, runWatch } from './run-watch.js';

export interface WorkerOptions {
  /** the history store: a postgres:// URL (the queue lives in the same database) */
  store: string;
  db?: string;
  concurrency?: number;
  /** attempts per job before the failure is recorded on the watch (default 5) */
  maxAttempts?: number;
  cacheMaxBytes?: number;
  /** process what is queued and due, then return (tests, cron jobs) */
  once?: boolean;
  /** an OCI artifact of the advisory DB (`cleanroom db push`) to keep `db` current from */
  dbFrom?: string;
  plainHttp?: boolean;
  /** how long to wait for PostgreSQL when it went away before giving up (default 5 minutes) */
  reconnectForMs?: number;
  /**
   * how long a job stays locked to its worker before another may take it (default 10 minutes):
   * a worker killed mid-job loses its jobs for this long, not graphile-worker's 4 hours. Longer
   * than the longest job: a job still running then is taken again (the watch's period guard
   * keeps the observation single).
   */
  jobLockMs?: number;
  /** what a watch added through the API may reach (`--registry-allow`; default: no internal address) */
  egress?: EgressPolicy;
  /** called with a line per job, for logs */
  onEvent?: (line: string) => void;
}

interface TrackPayload {
  image: string;
  tag: string;
  period: number;
}

// graphile-worker 0.17's own resetLockedAt (src/sql/resetLockedAt.ts), on its tables, with the
// lock time as a parameter (seconds) instead of its fixed 4 hours
const RELEASE_STALE_LOCKS = `
  WITH j AS (
    UPDATE graphile_worker._private_jobs AS jobs
    SET locked_at = NULL, locked_by = NULL, run_at = greatest(run_at, now())
    WHERE locked_at < now() - interval '1 second' * $1
  )
  UPDATE graphile_worker._private_job_queues AS job_queues
  SET locked_at = NULL, locked_by = NULL
  WHERE locked_at < now() - interval '1 second' * $1`;

/** How long a job stays locked to a worker that may have died (default 10 minutes; `--job-lock`). */
export const DEFAULT_JOB_LOCK_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Queues one job per due watch (job key = tag and period: a second call in the period adds nothing). */
export async function enqueueDueWatches(
  options: Pick<WorkerOptions, 'store' | 'maxAttempts'>,
  now = new Date(),
): Promise<number> {
  const store = await openHistoryStore(options.store);
  const utils = await makeWorkerUtils({ connectionString: options.store });
  try {
    await utils.migrate();
    return await enqueueDueOn(store, utils, options.maxAttempts, now);
  } finally {
    await utils.release();
    await store.close();
  }
}

/**
 * `enqueueDueWatches` on an open store and queue (a worker's, a benchmark's): every due watch in
 * ONE statement through graphile-worker's public `add_job`, with the job key's `unsafe_dedupe`
 * mode: a key already queued is left as it is, even while its job runs or waits for a retry. (The
 * default mode would queue a second job beside a running one, and reset the attempts of one that
 * waits for a retry every minute, so that its failure would never be final.) The key holds the
 * period and the payload is the key's, so nothing new is ever dropped.
 */
export async function enqueueDueOn(
  store: HistoryStore,
  queue: Pick<WorkerUtils, 'withPgClient'>,
  maxAttempts = 5,
  now = new Date(),
): Promise<number> {
  const due = await dueWatches(store, now);
  if (!due.length) return 0;
  const jobs = due.map((w) => ({
    payload: w satisfies TrackPayload,
    key: `track:${w.image}:${w.tag}:${w.period}`,
  }));
  await queue.withPgClient((client) =>
    client.query(
      `SELECT graphile_worker.add_job('cleanroom:track', payload := j.payload, job_key := j.key,
         max_attempts := $2, job_key_mode := 'unsafe_dedupe')
       FROM json_to_recordset($1::json) AS j(payload json, key text)`,
      [JSON.stringify(jobs), maxAttempts],
    ),
  );
  return due.length;
}

function tasks(options: WorkerOptions, conn: WorkerConnection): TaskList {
  const refresh = dbRefresher(options.dbFrom, options.db ?? defaultDbPath(), options);
  const trackTask: Task = async (payload, helpers) => {
    await refresh();
    const p = payload as TrackPayload;
    const final = helpers.job.attempts >= helpers.job.max_attempts;
    // test-only: hold a job after it was locked, so a test can kill the worker in the middle of it
    const hold = Number(process.env.CLEANROOM_TEST_JOB_HOLD_MS ?? 0);
    if (hold > 0) await sleep(hold);
    for (let outage = 1; ; outage++) {
      const started = performance.now();
      try {
        // the job's own period: a job taken over late from a dead worker observes the period it
        // was queued for (at the time it really runs), not whichever period it is now
        const outcome = await runWatch(
          { image: p.image, tag: p.tag },
          { ...options, final, period: p.period, openStore: conn.store, reader: await conn.reader() },
        );
        options.onEvent?.(
          `${outcome} ${p.image}:${p.tag} (period ${p.period}, attempt ${helpers.job.attempts}, ${(performance.now() - started).toFixed(1)} ms)`,
        );
        return;
      } catch (err) {
        // the store went away during the run: not the image's failure, and not an attempt spent;
        // wait for the server and run the watch again (what was written is there whole or not at all)
        if (!isStoreOutage(err) || outage > 5) {
          options.onEvent?.(
            `failed ${p.image}:${p.tag} (attempt ${helpers.job.attempts} of ${helpers.job.max_attempts}): ${errorMessage(err)}`,
          );
          throw err;
        }
        options.onEvent?.(`${p.image}:${p.tag} waits for PostgreSQL: ${errorMessage(err)}`);
        await conn.ready();
      }
    }
  };
  const scheduleTask: Task = async (_payload, helpers) => {
    const n = await enqueueDueOn(conn.store, helpers, options.maxAttempts);
    if (n) options.onEvent?.(`queued ${n} due watch${n === 1 ? '' : 'es'}`);
  };
  return { 'cleanroom:track': trackTask, 'cleanroom:schedule': scheduleTask };
}

// graphile-worker's own lines: its warnings and errors (one line each) to the worker's log, the
// per-job chatter (a line per job taken and completed) left out: the task logs its outcome itself
function queueLogger(onEvent: ((line: string) => void) | undefined): Logger {
  return new Logger(() => (level, message) => {
    if (level === 'error' || level === 'warning') onEvent?.(`queue ${level}: ${message.split('\n')[0]}`);
  });
}

/** Runs a worker until stopped (SIGINT/SIGTERM end it after the jobs in flight), or once. */
export async function runQueueWorker(options: WorkerOptions): Promise<void> {
  const worker = await startQueueWorker(options);
  if (options.once) return worker.done; // graphile-worker's own handlers: the job in flight ends first
  const stop = () => {
    options.onEvent?.('stopping after the jobs in flight');
    void worker.stop();
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    await worker.done;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
}

/**
 * Starts a worker and returns how to wait for it and stop it (`stop` lets the jobs in flight
 * finish); signals are the caller's (`worker`, or `serve --watch` whose own shutdown lets the
 * requests in flight finish).
 */
export async function startQueueWorker(
  options: WorkerOptions,
): Promise<{ done: Promise<void>; stop(): Promise<void> }> {
  const concurrency = options.concurrency ?? 1;
  const conn = await openWorkerConnection(options.store, {
    db: options.db ?? defaultDbPath(),
    concurrency,
    reconnectForMs: options.reconnectForMs,
    onEvent: options.onEvent,
  });
  let utils: WorkerUtils | undefined;
  try {
    utils = await makeWorkerUtils({ pgPool: conn.pool, logger: queueLogger(options.onEvent) });
    await utils.migrate();
    await enqueueDueOn(conn.store, utils, options.maxAttempts);
  } catch (err) {
    await utils?.release();
    await conn.close();
    throw err;
  }
  const common = {
    pgPool: conn.pool,
    taskList: tasks(options, conn),
    noHandleSignals: true,
    pollInterval: 1000,
    // jobs completed and failed through graphile-worker's batcher: a completion that cannot reach
    // the server then stops the worker pool (started again below, its jobs unlocked) instead of
    // rejecting a promise nobody awaits, which ends the process; and a job's completion no longer
    // delays the next (0.7 ms of queue a job instead of 1.2 ms, measured with empty tasks)
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    logger: queueLogger(options.onEvent),
  };
  const lockSeconds = Math.max(1, Math.round((options.jobLockMs ?? DEFAULT_JOB_LOCK_MS) / 1000));
  // the continuous workers release the locks of dead workers themselves, after the job lock time
  // (graphile-worker's own sweep waits 4 hours); every worker sweeps, the statement is idempotent
  const sweep = options.once
    ? undefined
    : setInterval(
        () => {
          void utils
            .withPgClient((client) => client.query(RELEASE_STALE_LOCKS, [lockSeconds]))
            .catch(() => undefined);
        },
        Math.min(60_000, Math.max(1000, (lockSeconds * 1000) / 4)),
      );
  sweep?.unref();
  const closing = async () => {
    if (sweep) clearInterval(sweep);
    await utils.release();
    await conn.close();
  };
  if (options.once) {
    // graphile-worker's continuous workers hand over the jobs of a dead worker once their lock is
    // older than 4 hours (resetLockedAt, every few minutes); its runOnce does not, so a worker
    // started by cron does it here first, with the same statement
    const done = utils
      .withPgClient((client) => client.query(RELEASE_STALE_LOCKS, [lockSeconds]))
      // SIGINT/SIGTERM: graphile-worker lets the job in flight finish, then ends the process
      .then(() => runOnce({ ...common, noHandleSignals: false }))
      .finally(closing);
    return { done, stop: () => done };
  }
  let stopping = false;
  let runner: Runner | undefined;
  let wake: (() => void) | undefined;
  const done = (async () => {
    for (let restart = 0; !stopping; restart++) {
      const pools: string[] = [];
      const events = new EventEmitter() as WorkerEvents;
      events.on('pool:create', ({ workerPool }) => pools.push(workerPool.id));
      runner = await run({ ...common, concurrency, events, crontab: '* * * * * cleanroom:schedule' });
      options.onEvent?.(`ready: waiting for jobs, ${concurrency} at once`);
      await runner.promise.catch((err: unknown) => options.onEvent?.(`queue stopped: ${errorMessage(err)}`));
      runner = undefined;
      if (stopping) return;
      // graphile-worker stopped its pool by itself: it could not complete or fail a job while the
      // server was away. Once it answers, the jobs that pool held are unlocked for the new one.
      options.onEvent?.('queue worker pool stopped; starting it again once PostgreSQL answers');
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, Math.min(1000 * 2 ** restart, 30_000));
      });
      await conn.ready();
      await utils.forceUnlockWorkers(pools);
    }
  })().finally(closing);
  return {
    done,
    async stop() {
      stopping = true;
      wake?.();
      await runner?.stop();
      await done;
    },
  };
}
