/**
 * Watches and workers: on SQLite the in-process scheduler; on PostgreSQL three worker processes
 * sharing graphile-worker's queue observe every watch exactly once for the period, watches of
 * archives and of images on a local registry (Debian's docker-registry) alike; an image that
 * cannot be read (a tag that is not there, a broken archive) is recorded on its watch after the
 * retries and shown by `watch list`, the other watches unaffected; a worker killed with SIGKILL in
 * the middle of a job leaves no partial row and its job completes on another; store migrate moves
 * a SQLite history to PostgreSQL with the same answers.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdvisoryDb } from '../src/advisory/db/build.js';
import { compare } from '../src/history/compare.js';
import { history } from '../src/history/history.js';
import { resolved } from '../src/history/resolved/resolved.js';
import { openHistoryStore } from '../src/history/store/open.js';
import {
  gunzipTo,
  push,
  startRegistry,
  type TestRegistry,
} from '../src/image/registry/__fixtures__/registry-harness.js';
import { addWatches, listWatches, type Watch } from '../src/worker/watches.js';
import { fixture } from './fixtures.js';
import { cli } from './history-helpers.js';
import { postgresBin, startPostgres } from './postgres.test-helper.js';
import { tempDir } from './scan-helpers.js';
import { freshDatabase, observedTags, query, startWorker, waitFor } from './worker-helpers.js';

const tmp = tempDir('cleanroom-worker-');
const bin = postgresBin();
let server: { url: string; stop(): void } | undefined;
let registry: TestRegistry | undefined;
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
  if (bin) {
    server = await startPostgres(bin);
    // two images on a local registry, for the watches that pull
    registry = await startRegistry();
    for (const [file, tag] of [
      ['alpine-3.9.4.docker.tar.gz', '3.9'],
      ['alpine-3.10.2.docker.tar.gz', '3.10'],
    ] as const) {
      const tar = await gunzipTo(fixture('images', file), tmp.dir, `${tag}.tar`);
      await push(`docker-archive:${tar}`, registry.host, `team/base:${tag}`);
    }
  }
}, 120_000);
afterAll(async () => {
  server?.stop();
  await registry?.stop();
  tmp.cleanup();
});

const freshPg = () => freshDatabase(server!.url);

// the built CLI, as a worker process is started in production; the registry's blobs are cached in
// the test's own folder
const worker = (store: string, env: Record<string, string> = {}, once = true) =>
  startWorker(store, db, {
    args: ['--max-attempts', '2'],
    env: { XDG_CACHE_HOME: join(tmp.dir, 'cache'), ...env },
    once,
  });

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
    await expectFailuresListed(store, [broken]);
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
  it('three worker processes observe each of 200 watches (archives and a registry) exactly once; unreadable images fail on their watch', async () => {
    const store = await freshPg();
    const refs = Array.from({ length: 200 }, (_, i) => `team/app:w${String(i).padStart(3, '0')}`);
    // one watch in four pulls from the registry, the others read an archive
    const sourceOf = (i: number) =>
      i % 4 === 0
        ? { source: `${registry!.host}/team/base:${i % 8 ? '3.10' : '3.9'}`, plainHttp: true }
        : { source: i % 2 ? alpine : alpine310 };
    for (const [i, ref] of refs.entries()) await addWatches([ref], { ...sourceOf(i), store });
    // two images that cannot be read: a tag the registry does not have, an archive cut in a layer
    const cut = join(tmp.dir, 'cut.docker.tar.gz');
    const whole = readFileSync(alpine);
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    await addWatches(['team/broken:gone'], {
      source: `${registry!.host}/team/base:deleted`,
      plainHttp: true,
      store,
    });
    await addWatches(['team/broken:cut'], { source: cut, store });

    const runs = [worker(store), worker(store), worker(store)];
    const results = await Promise.all(runs.map((r) => r.done));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const obs = await query<{ image: string; tag: string; n: string }>(
      store,
      'SELECT image, tag, count(*) AS n FROM observation GROUP BY image, tag ORDER BY image, tag',
    );
    expect(obs.map((o) => `${o.image}:${o.tag}`)).toEqual(refs);
    expect(obs.every((o) => Number(o.n) === 1)).toBe(true);
    // the registry's watches observed what the registry holds: the packages and findings of the
    // archives the images were pushed from (their digests differ: skopeo writes its own manifest)
    const counts = await query<{ tag: string; digest: string; total: string }>(
      store,
      "SELECT tag, digest || ' ' || total AS digest, total FROM observation",
    );
    const of = (tag: string) => counts.find((c) => c.tag === tag)!;
    const kinds = (tags: string[]) => new Set(tags.map((t) => of(t).digest));
    const tagsWhere = (test: (i: number) => boolean) =>
      refs
        .map((_, i) => i)
        .filter(test)
        .map((i) => `w${String(i).padStart(3, '0')}`);
    const pairs: [registry: string[], archive: string[]][] = [
      [tagsWhere((i) => i % 8 === 0), tagsWhere((i) => i % 4 !== 0 && i % 2 === 1)], // 3.9
      [tagsWhere((i) => i % 8 === 4), tagsWhere((i) => i % 4 !== 0 && i % 2 === 0)], // 3.10
    ];
    for (const [registryTags, archiveTags] of pairs) {
      expect(kinds(registryTags).size).toBe(1);
      expect(kinds(archiveTags).size).toBe(1);
      expect(of(registryTags[0]!).total).toBe(of(archiveTags[0]!).total);
    }
    expect(of('w000').total).not.toBe(of('w004').total);

    // every job ran once: each worker's log lists what it observed, and together they list each tag once
    const observed = observedTags(results.map((r) => r.stderr));
    expect([...observed.keys()].sort()).toEqual(refs);
    expect([...observed.values()].every((times) => times === 1)).toBe(true);

    // the unreadable ones failed once and wait for their retry; the second round makes it
    const retries =
      'SELECT key FROM graphile_worker._private_jobs WHERE attempts < max_attempts ORDER BY key';
    expect(
      (await query<{ key: string }>(store, retries)).map((j) => j.key.split(':').slice(0, 3).join(':')),
    ).toEqual(['track:team/broken:cut', 'track:team/broken:gone']);
    await waitFor(
      'the retries to be due',
      async () =>
        (await query(store, 'SELECT id FROM graphile_worker._private_jobs WHERE run_at > now()')).length ===
        0,
    );
    const second = await worker(store).done;
    expect(second.code, second.stderr).toBe(0);
    expect(observedTags([second.stderr]).size).toBe(0);
    expect((await query(store, 'SELECT count(*) AS n FROM observation'))[0]).toEqual({ n: '200' });
    // failed for good: the jobs stay as graphile-worker's record, the watches say why
    expect(await query(store, retries)).toEqual([]);
    const watches = await listWatches({ store });
    const failed = watches.filter((w) => w.lastError);
    expect(failed.map((w) => w.ref)).toEqual(['team/broken:cut', 'team/broken:gone']);
    expect(failed.every((w) => w.failedAt && !w.lastObservedAt)).toBe(true);
    expect(failed[0]!.lastError).toMatch(/^team\/broken:cut: .*cut\.docker\.tar\.gz/);
    expect(failed[1]!.lastError).toMatch(
      /^team\/broken:gone: unknown tag deleted in .*\/team\/base: the registry has no such image$/,
    );
    expect(watches.filter((w) => w.lastObservedAt)).toHaveLength(200);
    await expectFailuresListed(store, failed);

    // a further round in the same period queues nothing and writes nothing
    const third = await worker(store).done;
    expect(third.code).toBe(0);
    expect(third.stderr).not.toMatch(/ (observed|failed) /);
    expect((await query(store, 'SELECT count(*) AS n FROM observation'))[0]).toEqual({ n: '200' });
  }, 240_000);

  it('a worker killed with SIGKILL mid-job leaves no partial row; another completes the job', async () => {
    const store = await freshPg();
    await addWatches(['team/app:a'], { source: alpine, store });
    await addWatches(['team/app:b'], { source: alpine310, store });
    const victim = worker(store, { CLEANROOM_TEST_JOB_HOLD_MS: '60000' }, false);
    await waitFor(
      'the worker to hold a job',
      async () =>
        (await query(store, 'SELECT id FROM graphile_worker._private_jobs WHERE locked_at IS NOT NULL'))
          .length > 0,
    );
    victim.child.kill('SIGKILL');
    await victim.done;
    expect(await query(store, 'SELECT * FROM observation')).toEqual([]);
    // graphile-worker gives a job whose worker died to another after its lock timeout (4 h); the
    // test moves the lock into the past instead of waiting
    await query(
      store,
      "UPDATE graphile_worker._private_jobs SET locked_at = now() - interval '5 hours' WHERE locked_at IS NOT NULL",
    );
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

/** `watch list` shows each failure, its time and its reason, in the table and in JSON. */
async function expectFailuresListed(store: string, failed: Watch[]): Promise<void> {
  const table = await cli('watch', 'list', '--store', store);
  expect(table.code, table.stderr).toBe(0);
  for (const w of failed) {
    const line = table.stdout.split('\n').find((l) => l.startsWith(`${w.ref} `));
    expect(line).toContain(`never observed  FAILED ${w.failedAt}: ${w.lastError}`);
  }
  const json = await cli('watch', 'list', '--store', store, '--format', 'json');
  expect(json.code, json.stderr).toBe(0);
  const listed = (JSON.parse(json.stdout) as { watches: Watch[] }).watches;
  for (const w of failed)
    expect(listed.find((l) => l.ref === w.ref)).toMatchObject({
      lastError: w.lastError,
      failedAt: w.failedAt,
      lastObservedAt: null,
    });
  expect(listed.filter((l) => l.lastError === null)).toHaveLength(listed.length - failed.length);
}
