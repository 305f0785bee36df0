/**
 * A worker killed with SIGKILL mid-job (issue 22): with a shortened `--job-lock`, another worker
 * takes its jobs over by itself (no lock moved by hand, not graphile-worker's 4 hours) and every
 * (tag, period) is observed exactly once, for the period the job was queued for.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildAdvisoryDb } from '../src/advisory/db/build.js';
import { addWatches } from '../src/worker/watches.js';
import { periodOf } from '../src/worker/run-watch.js';
import { fixture } from './fixtures.js';
import { postgresBin, startPostgres, type TestPostgres } from './postgres.test-helper.js';
import { tempDir } from './scan-helpers.js';
import { freshDatabase, query, startWorker, waitFor } from './worker-helpers.js';

const tmp = tempDir('cleanroom-server-worker-kill-');
const bin = postgresBin();
let server: TestPostgres | undefined;
let db: string;
const alpine = fixture('images/alpine-3.9.4.docker.tar.gz');
const alpine310 = fixture('images/alpine-3.10.2.docker.tar.gz');

beforeAll(async () => {
  db = join(tmp.dir, 'advisory.db');
  await buildAdvisoryDb({
    sources: [{ feed: 'alpine-secdb', path: fixture('alpine-secdb') }],
    out: db,
    now: '2019-01-01T00:00:00.000Z',
  });
  if (bin) server = await startPostgres(bin);
}, 120_000);
afterAll(() => {
  server?.stop();
  tmp.cleanup();
});

it.skipIf(!bin)(
  'takes the jobs of a killed worker over within the job lock, each (tag, period) observed once',
  async () => {
    const store = await freshDatabase(server!.url);
    const tags = ['team/app:a', 'team/app:b', 'team/app:c', 'team/app:d'];
    for (const [i, tag] of tags.entries())
      await addWatches([tag], { source: i % 2 ? alpine310 : alpine, store });
    const env = { XDG_CACHE_HOME: join(tmp.dir, 'cache') };
    const args = ['--max-attempts', '2', '--job-lock', '5s', '--concurrency', '2'];
    // the victim locks two jobs and holds them
    const victim = startWorker(store, db, {
      args,
      env: { ...env, CLEANROOM_TEST_JOB_HOLD_MS: '120000' },
      once: false,
    });
    await waitFor(
      'the worker to hold two jobs',
      async () =>
        (await query(store, 'SELECT id FROM graphile_worker._private_jobs WHERE locked_at IS NOT NULL'))
          .length === 2,
    );
    const held = await query<{ key: string }>(
      store,
      'SELECT key FROM graphile_worker._private_jobs WHERE locked_at IS NOT NULL',
    );
    victim.child.kill('SIGKILL');
    await victim.done;
    expect(await query(store, 'SELECT * FROM observation')).toEqual([]);
    // a second worker, started as an operator would: the locks are left as the dead worker left them
    const rescue = startWorker(store, db, { args, env, once: false });
    try {
      await waitFor(
        'every watch observed',
        async () => (await query(store, 'SELECT image FROM observation')).length === tags.length,
        90_000,
      );
      // what remains queued runs out, then nothing more is observed
      await waitFor(
        'the queue to empty',
        async () =>
          (
            await query(
              store,
              "SELECT id FROM graphile_worker.jobs WHERE task_identifier = 'cleanroom:track'",
            )
          ).length === 0,
      );
    } finally {
      rescue.child.kill('SIGTERM');
      await rescue.done;
    }
    const rows = await query<{ tag: string; n: string }>(
      store,
      'SELECT tag, count(*) AS n FROM observation GROUP BY tag ORDER BY tag',
    );
    expect(rows).toEqual(tags.map((t) => ({ tag: t.split(':')[1], n: '1' })));
    // the held jobs were among those observed, each for the period it was queued for
    const watches = await query<{ tag: string; last_period: string; every_seconds: number }>(
      store,
      'SELECT tag, last_period, every_seconds FROM watch ORDER BY tag',
    );
    for (const { key } of held) {
      const [, image, tag, period] = /^track:(.+):([^:]+):(\d+)$/.exec(key)!;
      expect(image).toBe('team/app');
      expect(String(watches.find((w) => w.tag === tag)?.last_period)).toBe(period);
    }
    const now = periodOf(new Date(), watches[0]!.every_seconds);
    expect(watches.every((w) => Number(w.last_period) <= now)).toBe(true);
    expect(rescue.stderr()).toMatch(/observed team\/app:/);
  },
  240_000,
);
