/**
 * PostgreSQL restarted (stopped, down for a while, started) while worker processes run jobs:
 * the workers reconnect and finish by themselves; every watch is observed exactly once for the
 * period, nothing is lost and nothing doubled, and no job is left in the queue. A completion the
 * server refuses (what a restart at that instant does) stops graphile-worker's pool: the worker
 * starts it again and the job is completed, observed once.
 */
import { join } from 'node:path';
import { makeWorkerUtils } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdvisoryDb } from '../src/advisory/db/build.js';
import { addWatches, listWatches } from '../src/worker/watches.js';
import { fixture } from './fixtures.js';
import { freePort } from './free-port.js';
import { postgresBin, startPostgres, type TestPostgres } from './postgres.test-helper.js';
import { tempDir } from './scan-helpers.js';
import { freshDatabase, observedTags, query, startWorker, waitFor } from './worker-helpers.js';

const tmp = tempDir('cleanroom-worker-restart-');
const bin = postgresBin();
let server: TestPostgres | undefined;
let db: string;
const images = [fixture('images/alpine-3.9.4.docker.tar.gz'), fixture('images/alpine-3.10.2.docker.tar.gz')];

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

describe.skipIf(!bin)('PostgreSQL restarted under running workers', () => {
  it('the workers reconnect and finish: each watch observed once, nothing lost, nothing doubled', async () => {
    const store = await freshDatabase(server!.url);
    const refs = Array.from({ length: 40 }, (_, i) => `team/app:r${String(i).padStart(2, '0')}`);
    for (const [i, ref] of refs.entries()) await addWatches([ref], { source: images[i % 2]!, store });
    // each job holds its transaction open 200 ms before it commits: the server is stopped while
    // one is open, so that a run is cut in the middle of its write
    const workers = [0, 1].map(() =>
      startWorker(store, db, { once: false, env: { CLEANROOM_TEST_TX_HOLD_MS: '200' } }),
    );
    const observations = async () =>
      Number((await query<{ n: string }>(store, 'SELECT count(*) AS n FROM observation'))[0]!.n);
    let results: { code: number | null; stderr: string }[];
    try {
      await waitFor('the first observations', async () => (await observations()) >= 6);
      await waitFor('a transaction open', async () => {
        const open = await query(
          store,
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'",
        );
        return open.length > 0;
      });
      // down 5 s: long enough that a worker cut in its transaction tries again while the server is
      // still away (2 s was not, once, on a loaded machine: the retry came after it was back)
      await server!.restart(5000);
      await waitFor(
        'every watch observed and the queue empty',
        async () =>
          (await observations()) === refs.length &&
          (await query(store, 'SELECT id FROM graphile_worker._private_jobs')).length === 0 &&
          (await listWatches({ store })).every((w) => w.lastObservedAt !== null),
        120_000,
      );
    } catch (err) {
      throw new Error(`${String(err)}\n${workers.map((w) => w.stderr()).join('\n---\n')}`, { cause: err });
    } finally {
      for (const w of workers) w.child.kill('SIGTERM');
      results = await Promise.all(workers.map((w) => w.done));
    }
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    // the restart happened under them: a run was cut in its transaction and made again once the
    // server answered, in the same attempt
    expect(results.some((r) => /PostgreSQL connection lost/.test(r.stderr))).toBe(true);
    expect(results.some((r) => / waits for PostgreSQL: /.test(r.stderr))).toBe(true);
    // nothing lost, nothing doubled: one observation per watch, with the counts of its image
    const rows = await query<{ image: string; tag: string; digest: string; total: string }>(
      store,
      'SELECT image, tag, digest, total FROM observation ORDER BY image, tag',
    );
    expect(rows.map((r) => `${r.image}:${r.tag}`)).toEqual(refs);
    const byDigest = new Map<string, Set<string>>();
    for (const r of rows) byDigest.set(r.digest, (byDigest.get(r.digest) ?? new Set()).add(r.total));
    expect(byDigest.size).toBe(2);
    for (const totals of byDigest.values()) expect(totals.size).toBe(1);
    // no watch was observed twice (a run repeated after the restart finds its period written)
    const observed = observedTags(results.map((r) => r.stderr));
    expect([...observed.values()].every((times) => times === 1)).toBe(true);
    expect((await listWatches({ store })).filter((w) => w.lastError)).toEqual([]);
  }, 240_000);

  it('a completion the server refuses stops the worker pool: it starts again and completes the job, observed once', async () => {
    const store = await freshDatabase(server!.url);
    const refs = ['team/app:c0', 'team/app:c1', 'team/app:c2'];
    for (const [i, ref] of refs.entries()) await addWatches([ref], { source: images[i % 2]!, store });
    const utils = await makeWorkerUtils({ connectionString: store });
    await utils.migrate();
    await utils.release();
    // the first DELETE of a completed job fails (a sequence: its count survives the rollback)
    await query(
      store,
      `CREATE SEQUENCE refusals;
       CREATE FUNCTION refuse_first() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF nextval('refusals') = 1 THEN RAISE EXCEPTION 'completion refused (test)'; END IF;
         RETURN OLD;
       END $$;
       CREATE TRIGGER refuse_first BEFORE DELETE ON graphile_worker._private_jobs
         FOR EACH ROW EXECUTE FUNCTION refuse_first();`,
    );
    const w = startWorker(store, db, { once: false });
    try {
      await waitFor(
        'every watch observed and the queue empty',
        async () =>
          (await query(store, 'SELECT id FROM graphile_worker._private_jobs')).length === 0 &&
          (await listWatches({ store })).every((x) => x.lastObservedAt !== null),
      );
    } finally {
      w.child.kill('SIGTERM');
    }
    const r = await w.done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/completion refused \(test\)/);
    expect(r.stderr).toMatch(/queue worker pool stopped; starting it again/);
    const rows = await query<{ tag: string }>(store, 'SELECT tag FROM observation ORDER BY tag');
    expect(rows.map((x) => x.tag)).toEqual(['c0', 'c1', 'c2']);
    // the job whose completion was refused ran again, found its period written, and was completed
    expect([...observedTags([r.stderr]).values()]).toEqual([1, 1, 1]);
    expect(r.stderr).toMatch(/ skipped team\/app:c\d /);
  }, 120_000);

  it('a server never reached is a wrong URL: the worker says so at once and exits non-zero', async () => {
    const store = `postgres://postgres@127.0.0.1:${await freePort()}/nowhere`;
    const started = Date.now();
    const run = await startWorker(store, db, { once: false }).done;
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /the PostgreSQL server postgres:\/\/postgres@127\.0\.0\.1:\d+\/nowhere cannot be reached/,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
