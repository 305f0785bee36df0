/**
 * PostgreSQL as a full advisory store, through the built CLI as a user runs it: `db build` into a
 * server gives the same scan findings as a SQLite DB of the same sources; a build killed with
 * SIGKILL in the middle of its copy leaves the previous content whole; `db import`/`db export`;
 * transactions that roll back bulk inserts on both engines; an unreachable server fails first.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advisoryMigrations } from '../src/advisory/db/migrations/index.js';
import { UnavailableError } from '../src/errors.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { connect } from '../src/store/connect.js';
import { fixture } from './fixtures.js';
import { freePort } from './free-port.js';
import { postgresBin, startPostgres } from './postgres.test-helper.js';
import { ROOT, runCli } from './sbom-helpers.js';

const bin = postgresBin();
if (!bin)
  console.warn('skipping the PostgreSQL write test: no /usr/lib/postgresql/*/bin/pg_ctl on this machine');

const image = fixture('images/alpine-3.9.4.docker.tar.gz');
const secdb = fixture('alpine-secdb');

let server: { url: string; stop(): void };
let dir: string;

async function findings(db: string): Promise<unknown> {
  const run = await runCli(['scan', image, '--db', db, '--format', 'json', '--count-by', 'package']);
  expect(run.stderr).not.toMatch(/cleanroom:/);
  const result = JSON.parse(run.stdout) as { findings: unknown[]; summary: unknown };
  return { findings: result.findings, summary: result.summary };
}

async function builtAt(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'built_at'`);
    return rows[0]?.value;
  } finally {
    await client.end();
  }
}

async function firstSeenOf(url: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT first_seen, count(*) AS n FROM vulnerability GROUP BY first_seen ORDER BY first_seen`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!bin)('the advisory DB written to PostgreSQL', () => {
  let sqliteDb: string;
  let expected: unknown;
  beforeAll(async () => {
    server = await startPostgres(bin!);
    dir = await mkdtemp(join(tmpdir(), 'cleanroom-pgwrite-'));
    sqliteDb = join(dir, 'advisory.db');
    const built = await runCli(['db', 'build', '--source', `alpine-secdb=${secdb}`, '--out', sqliteDb]);
    expect(built.code).toBe(0);
    expected = await findings(sqliteDb);
    // the state a first load killed halfway leaves: the schema committed, no build in it
    const store = await connect(server.url);
    await migrateToLatest(store.db, advisoryMigrations, server.url);
    await store.close();
  });
  afterAll(async () => {
    server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('db build --out postgres://… (into a server with the schema but no build) then scan gives the findings of a SQLite DB of the same sources', async () => {
    expect((expected as { findings: unknown[] }).findings.length).toBeGreaterThan(5);
    const built = await runCli(['db', 'build', '--source', `alpine-secdb=${secdb}`, '--out', server.url]);
    expect(built.stderr).toMatch(/^built postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres: \d+ records/m);
    expect(built.code).toBe(0);
    expect(await findings(server.url)).toEqual(expected);
  });

  it('a build killed with SIGKILL in the middle of its copy leaves the previous content whole', async () => {
    const before = await builtAt(server.url);
    expect(before).toBeDefined();
    // the test holds a lock on `meta`, the last table copied: the build empties and refills every
    // other table inside its transaction, then waits on that lock, and is killed there
    const locker = new pg.Client({ connectionString: server.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE meta IN SHARE MODE');
    // pg_stat_activity is a snapshot inside a transaction: watch from another session
    const watcher = new pg.Client({ connectionString: server.url });
    await watcher.connect();
    const temp = await mkdtemp(join(dir, 'tmp-'));
    // a smaller feed: had it committed, the 3.9 records would be withdrawn and the findings differ
    const child = spawn(
      process.execPath,
      [
        resolve(ROOT, 'bin/cleanroom.js'),
        'db',
        'build',
        '--source',
        `alpine-secdb=${join(secdb, 'v3.10')}`,
        '--out',
        server.url,
      ],
      { env: { ...process.env, TMPDIR: temp, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.on('exit', (_code, signal) => done(signal)),
    );
    try {
      await until('the copy to start', async () => /loading postgres:\S+ in one transaction/.test(stderr));
      let waiting: number | undefined;
      await until('the copy to wait on the lock of meta', async () => {
        const { rows } = await watcher.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DELETE FROM "meta"%'`,
        );
        waiting = rows[0]?.pid;
        return waiting !== undefined;
      });
      // by now every other table was emptied and refilled inside the build's transaction
      const { rows } = await watcher.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_locks WHERE pid = $1 AND mode = 'RowExclusiveLock' AND relation = 'vulnerability'::regclass`,
        [waiting],
      );
      expect(Number(rows[0]?.n)).toBe(1);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      await locker.query('ROLLBACK');
      // the server aborts the dead client's transaction once the lock lets its backend go on
      await until('the killed build to end on the server', async () => {
        const left = await watcher.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [waiting]);
        return left.rowCount === 0;
      });
    } finally {
      child.kill('SIGKILL');
      await locker.end();
      await watcher.end();
    }
    expect(stderr).not.toMatch(/^built /m);
    expect(await builtAt(server.url)).toBe(before);
    expect(await findings(server.url)).toEqual(expected);
    // SIGKILL leaves the temp build in the temp dir, and only there
    expect((await readdir(temp)).every((name) => name.startsWith('cleanroom-pg-load-'))).toBe(true);
  });

  it('db import FILE --db postgres://… loads an exported DB; db export --db postgres://… writes it back', async () => {
    const exported = join(dir, 'advisory.db.gz');
    expect((await runCli(['db', 'export', exported, '--db', sqliteDb])).code).toBe(0);
    const imported = await runCli(['db', 'import', exported, '--db', server.url]);
    expect(imported.stderr).toMatch(/^imported .* into postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres/m);
    expect(imported.code).toBe(0);
    expect(await findings(server.url)).toEqual(expected);
    const back = join(dir, 'back.db');
    const again = await runCli(['db', 'export', back, '--db', server.url]);
    expect(again.code).toBe(0);
    expect(await findings(back)).toEqual(expected);
    const bad = await runCli(['db', 'import', join(dir, 'nothing.db'), '--db', server.url]);
    expect(bad.code).toBe(2);
    expect(await findings(server.url)).toEqual(expected);
  });

  it('db update --db postgres://… rebuilds the server from local sources, keeping its history', async () => {
    const before = await builtAt(server.url);
    const firstSeen = await firstSeenOf(server.url);
    const run = await runCli(['db', 'update', '--db', server.url, '--source', `alpine-secdb=${secdb}`]);
    expect(run.stderr).toMatch(/^updated postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres: \d+ records/m);
    expect(run.code).toBe(0);
    expect(await builtAt(server.url)).not.toBe(before);
    // the records were first seen by the earlier build, and still are
    expect(await firstSeenOf(server.url)).toEqual(firstSeen);
    expect(await findings(server.url)).toEqual(expected);
  });

  it('a failing bulk insert inside store.transaction rolls back everything, on both engines', async () => {
    interface T {
      t: { k: string; v: number | null };
    }
    for (const url of [server.url, join(dir, 'tx.db')]) {
      const store = await connect<T>(url);
      await sql`CREATE TABLE t (k text PRIMARY KEY, v integer)`.execute(store.db);
      await store.bulkInsert('t', [{ k: 'kept', v: 0 }]);
      // more rows than one PostgreSQL statement takes: several INSERTs, one transaction
      const many = Array.from({ length: 70_000 }, (_, i) => ({ k: `k${i}`, v: i }));
      await expect(
        store.transaction(async (trx) => {
          await trx.db.deleteFrom('t').execute();
          await trx.bulkInsert('t', many);
          const seen = await trx.arrays(
            trx.db
              .selectFrom('t')
              .select((eb) => eb.fn.countAll().as('n'))
              .compile(),
          );
          expect(Number(seen[0]?.[0])).toBe(70_000);
          await trx.bulkInsert('t', [{ k: 'k5', v: 5 }]);
        }),
      ).rejects.toThrow(/UNIQUE|duplicate key/);
      expect(await store.db.selectFrom('t').selectAll().execute()).toEqual([{ k: 'kept', v: 0 }]);
      // outside a transaction, a bulk insert of several statements is still all or nothing
      await expect(store.bulkInsert('t', [...many, { k: 'kept', v: 1 }])).rejects.toThrow(
        /UNIQUE|duplicate key/,
      );
      expect(await store.db.selectFrom('t').selectAll().execute()).toEqual([{ k: 'kept', v: 0 }]);
      await sql`DROP TABLE t`.execute(store.db);
      await store.close();
    }
  });

  it('shares a pool it is handed without ending it, and names an unreachable server without its password', async () => {
    const pool = new pg.Pool({ connectionString: server.url, max: 2 });
    const store = await connect(server.url, { pool });
    await sql`SELECT 1`.execute(store.db);
    await store.close();
    expect((await pool.query('SELECT 2 AS n')).rows).toEqual([{ n: 2 }]);
    await pool.end();

    const port = await freePort();
    const down = await connect(`postgres://cr:s3cret@127.0.0.1:${port}/x`);
    const err: unknown = await sql`SELECT 1`.execute(down.db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as UnavailableError).message).toBe(
      `the PostgreSQL server postgres://cr@127.0.0.1:${port}/x cannot be reached right now (connect ECONNREFUSED 127.0.0.1:${port})`,
    );
    await down.close();
  });

  it('db update into an unreachable server fails before downloading anything', async () => {
    let hits = 0;
    const mirror = createServer((_req, res) => {
      hits++;
      res.end('{}');
    });
    await new Promise<void>((ok) => mirror.listen(0, '127.0.0.1', ok));
    const address = mirror.address();
    const mirrorPort = typeof address === 'object' && address ? address.port : 0;
    try {
      const port = await freePort();
      const run = await runCli([
        'db',
        'update',
        '--db',
        `postgres://cr:s3cret@127.0.0.1:${port}/x`,
        '--source',
        `alpine-secdb=http://127.0.0.1:${mirrorPort}/v3.9/main.json`,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/cannot be reached right now/);
      expect(run.stderr).not.toMatch(/s3cret/);
      expect(hits).toBe(0);
    } finally {
      mirror.close();
    }
  });
});
