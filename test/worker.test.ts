/**
 * Watches and workers: on SQLite the in-process scheduler; on PostgreSQL three worker processes
 * sharing graphile-worker's queue observe every watch exactly once for the period; a worker killed
 * with SIGKILL in the middle of a job leaves no partial row and its job completes on another; an
 * image that cannot be read is recorded on its watch after the retries; store migrate moves a
 * SQLite history to PostgreSQL with the same answers.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdvisoryDb } from '../src/advisory/db/build.js';
import { compare } from '../src/history/compare.js';
import { history } from '../src/history/history.js';
import { resolved } from '../src/history/resolved/resolved.js';
import { openHistoryStore } from '../src/history/store/open.js';
import { addWatches, listWatches } from '../src/worker/watches.js';
import { fixture } from './fixtures.js';
import { cli } from './history-helpers.js';
import { postgresBin, startPostgres } from './postgres.test-helper.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-worker-');
const bin = postgresBin();
let server: { url: string; stop(): void } | undefined;
let db: string;
let n = 0;
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

async function freshPg(): Promise<string> {
  const name = `worker_${++n}`;
  const client = new pg.Client({ connectionString: server!.url });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return server!.url.replace(/\/postgres$/, `/${name}`);
}

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

// the built CLI, as a worker process is started in production
function worker(store: string, env: Record<string, string> = {}, once = true) {
  const args = [resolve('bin/cleanroom.js'), 'worker', '--store', store, '--db', db, '--max-attempts', '2'];
  const child = spawn(process.execPath, once ? [...args, '--once'] : args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stderr: string }>((res) =>
    child.on('exit', (code) => res({ code, stderr })),
  );
  return { child, done };
}

const countsOf = async (store: string) => {
  const s = await openHistoryStore(store, { existing: true });
  try {
    const rows = await s.db.selectFrom('observation').select(['image', 'tag', 'digest', 'total']).execute();
    return rows.map((r) => `${r.image}:${r.tag} ${r.digest.slice(0, 19)} ${r.total}`).sort();
  } finally {
    await s.close();
  }
};

describe('watches on SQLite (in-process scheduler)', () => {
  it('observes each due watch once per period and records a failure after the retries', async () => {
    const store = join(tmp.dir, 'local.db');
    await addWatches(['alpine:3.9'], { source: alpine, store });
    await addWatches(['alpine:3.10'], { source: alpine310, store, everySeconds: 3600 });
    await addWatches(['broken:latest'], { source: join(tmp.dir, 'missing.tar'), store });
    const first = await cli('worker', '--store', store, '--db', db, '--once', '--max-attempts', '2');
    expect(first.code, first.stderr).toBe(0);
    const observed = await countsOf(store);
    expect(observed).toHaveLength(2);
    const again = await cli('worker', '--store', store, '--db', db, '--once', '--max-attempts', '2');
    expect(again.code).toBe(0);
    expect(await countsOf(store)).toEqual(observed);
    const watches = await listWatches({ store });
    const broken = watches.find((w) => w.image === 'broken')!;
    expect(broken.lastError).toMatch(/broken:latest: .*missing\.tar/);
    expect(
      watches
        .filter((w) => w.lastObservedAt)
        .map((w) => w.ref)
        .sort(),
    ).toEqual(['alpine:3.10', 'alpine:3.9']);
    const list = await cli('watch', 'list', '--store', store);
    expect(list.stdout).toMatch(/broken:latest .*FAILED/);
  }, 60_000);
});

describe('serve --watch', () => {
  it('runs the due watches beside the API on one machine, and stops cleanly on SIGTERM', async () => {
    const store = join(tmp.dir, 'served.db');
    await addWatches(['alpine:3.9'], { source: alpine, store });
    const args = [
      resolve('bin/cleanroom.js'),
      'serve',
      '--watch',
      '--store',
      store,
      '--db',
      db,
      '--port',
      '0',
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    let observed: string[] = [];
    for (let i = 0; i < 300 && observed.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      observed = await countsOf(store).catch(() => []);
    }
    expect(observed).toHaveLength(1);
    expect((await listWatches({ store }))[0]?.lastObservedAt).toBeTruthy();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});

describe.skipIf(!bin)('watches on PostgreSQL (graphile-worker)', () => {
  it('three worker processes observe each of 200 watches exactly once for the period', async () => {
    const store = await freshPg();
    const refs = Array.from({ length: 200 }, (_, i) => `team/app:w${String(i).padStart(3, '0')}`);
    for (const ref of refs)
      await addWatches([ref], { source: tagNumber(ref) % 2 ? alpine : alpine310, store });
    const runs = [worker(store), worker(store), worker(store)];
    const results = await Promise.all(runs.map((r) => r.done));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const obs = await query<{ image: string; tag: string; n: string }>(
      store,
      'SELECT image, tag, count(*) AS n FROM observation GROUP BY image, tag',
    );
    expect(obs).toHaveLength(200);
    expect(obs.every((o) => Number(o.n) === 1)).toBe(true);
    // every job ran once: each worker's log lists what it observed, and together they list each tag once
    const observedLines = results.flatMap((r) =>
      r.stderr.split('\n').filter((l) => / observed team\/app:w/.test(l)),
    );
    expect(observedLines).toHaveLength(200);
    expect(await query(store, 'SELECT id FROM graphile_worker._private_jobs')).toEqual([]);
    // a second round in the same period queues nothing and writes nothing
    expect((await worker(store).done).code).toBe(0);
    expect((await query(store, 'SELECT count(*) AS n FROM observation'))[0]).toEqual({ n: '200' });
  }, 240_000);

  it('a worker killed with SIGKILL mid-job leaves no partial row; another completes the job', async () => {
    const store = await freshPg();
    await addWatches(['team/app:a'], { source: alpine, store });
    await addWatches(['team/app:b'], { source: alpine310, store });
    const victim = worker(store, { CLEANROOM_TEST_JOB_HOLD_MS: '60000' }, false);
    // wait until it holds a job
    for (let i = 0; i < 200; i++) {
      const locked = await query(
        store,
        'SELECT id FROM graphile_worker._private_jobs WHERE locked_at IS NOT NULL',
      ).catch(() => []);
      if (locked.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    victim.child.kill('SIGKILL');
    await victim.done;
    expect(await query(store, 'SELECT * FROM observation')).toEqual([]);
    // graphile-worker gives a job whose worker died to another after its lock timeout (4 h); the
    // test moves the lock into the past instead of waiting
    await query(store, "UPDATE graphile_worker._private_jobs SET locked_at = now() - interval '5 hours'");
    const rescue = await worker(store).done;
    expect(rescue.code, rescue.stderr).toBe(0);
    const killed = await countsOf(store);
    // the same watches on a store where nobody was killed
    const calm = await freshPg();
    await addWatches(['team/app:a'], { source: alpine, store: calm });
    await addWatches(['team/app:b'], { source: alpine310, store: calm });
    expect((await worker(calm).done).code).toBe(0);
    expect(killed).toEqual(await countsOf(calm));
    expect(killed).toHaveLength(2);
  }, 240_000);

  it('store migrate moves a SQLite history to PostgreSQL: history, compare and resolved answer the same', async () => {
    const sqlite = join(tmp.dir, 'to-migrate.db');
    for (const [image, at] of [
      [alpine, '2019-05-09T20:49:57Z'],
      [alpine310, '2019-08-20T20:19:55Z'],
    ] as const)
      expect(
        (await cli('track', image, '--as', 'alpine:3', '--at', at, '--store', sqlite, '--db', db)).code,
      ).toBe(0);
    await addWatches(['alpine:3'], { source: alpine310, store: sqlite });
    const target = await freshPg();
    const r = await cli('store', 'migrate', '--from', `sqlite:${sqlite}`, '--to', target);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/observation\s+2 rows .* same/);
    const range = { from: '2019-05-01', to: '2019-09-30', db };
    expect(await history('alpine:3', { ...range, store: target, replay: true })).toEqual(
      await history('alpine:3', { ...range, store: sqlite, replay: true }),
    );
    expect(await compare(['alpine:3', 'alpine:3@2019-05-10'], { ...range, store: target })).toEqual(
      await compare(['alpine:3', 'alpine:3@2019-05-10'], { ...range, store: sqlite }),
    );
    expect(await resolved(['alpine:3'], { ...range, store: target })).toEqual(
      await resolved(['alpine:3'], { ...range, store: sqlite }),
    );
  }, 120_000);
});

function tagNumber(ref: string): number {
  return Number(ref.slice(-3));
}
