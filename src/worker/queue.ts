/**
 * The queue on PostgreSQL (graphile-worker): a cron task enqueues one `cleanroom:track` job per due
 * watch with a job key of (tag, period), so a tag is queued once per period however many workers
 * run; graphile-worker locks each job for one worker, retries failures with exponential backoff,
 * and hands a job whose worker died to another once its lock has expired.
 */
import { makeWorkerUtils, run, runOnce, type Task, type TaskList } from 'graphile-worker';
import { openHistoryStore } from '../history/store/open.js';
import { defaultDbPath } from '../advisory/db/paths.js';
import { dbRefresher } from './db-refresh.js';
import { dueWatches, runWatch } from './run-watch.js';

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
  /** called with a line per job, for logs */
  onEvent?: (line: string) => void;
}

interface TrackPayload {
  image: string;
  tag: string;
  period: number;
}

/** Queues one job per due watch (job key = tag and period: a second call in the period adds nothing). */
export async function enqueueDueWatches(
  options: Pick<WorkerOptions, 'store' | 'maxAttempts'>,
  now = new Date(),
): Promise<number> {
  const store = await openHistoryStore(options.store);
  const due = await dueWatches(store, now).finally(() => store.close());
  const utils = await makeWorkerUtils({ connectionString: options.store });
  try {
    await utils.migrate();
    for (const w of due)
      await utils.addJob('cleanroom:track', w satisfies TrackPayload, {
        jobKey: `track:${w.image}:${w.tag}:${w.period}`,
        maxAttempts: options.maxAttempts ?? 5,
      });
  } finally {
    await utils.release();
  }
  return due.length;
}

function tasks(options: WorkerOptions): TaskList {
  const refresh = dbRefresher(options.dbFrom, options.db ?? defaultDbPath(), options);
  const trackTask: Task = async (payload, helpers) => {
    await refresh();
    const p = payload as TrackPayload;
    const final = helpers.job.attempts >= helpers.job.max_attempts;
    // test-only: hold a job after it was locked, so a test can kill the worker in the middle of it
    const hold = Number(process.env.CLEANROOM_TEST_JOB_HOLD_MS ?? 0);
    if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
    const outcome = await runWatch({ image: p.image, tag: p.tag }, { ...options, final });
    options.onEvent?.(`${outcome} ${p.image}:${p.tag} (period ${p.period}, attempt ${helpers.job.attempts})`);
  };
  const scheduleTask: Task = async () => {
    const n = await enqueueDueWatches(options);
    if (n) options.onEvent?.(`queued ${n} due watch${n === 1 ? '' : 'es'}`);
  };
  return { 'cleanroom:track': trackTask, 'cleanroom:schedule': scheduleTask };
}

/** Runs a worker until stopped (SIGINT/SIGTERM end it after the jobs in flight), or once. */
export async function runQueueWorker(options: WorkerOptions): Promise<void> {
  const worker = await startQueueWorker(options, true);
  await worker.done;
}

/**
 * Starts a worker and returns how to wait for it and stop it; `handleSignals` false leaves SIGTERM
 * to the caller (`serve --watch`, whose own shutdown lets the requests in flight finish).
 */
export async function startQueueWorker(
  options: WorkerOptions,
  handleSignals = false,
): Promise<{ done: Promise<void>; stop(): Promise<void> }> {
  const common = {
    connectionString: options.store,
    concurrency: options.concurrency ?? 1,
    taskList: tasks(options),
    noHandleSignals: !handleSignals,
    pollInterval: 1000,
  };
  await enqueueDueWatches(options);
  if (options.once) {
    const done = runOnce(common);
    return { done, stop: () => done };
  }
  const runner = await run({ ...common, crontab: '* * * * * cleanroom:schedule' });
  return { done: runner.promise, stop: () => runner.stop() };
}
