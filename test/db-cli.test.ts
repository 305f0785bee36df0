import Database from 'better-sqlite3';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdvisoryDb } from '../src/advisory/db/build.js';
import { advisoryItem, itemsFeed, writeItems } from '../src/advisory/db/items-feed.test-helper.js';
import { defaultDbPath } from '../src/advisory/db/paths.js';
import { openAdvisoryDb } from '../src/advisory/db/reader.js';
import { cli } from './cli-in-process.js';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cleanroom-dbcli-'));
  db = join(dir, 'advisory.db');
  const source = join(dir, 'osv.items.jsonl');
  await writeItems(source, [
    advisoryItem({
      id: 'CVE-2024-7',
      affected: [{ ecosystem: 'npm', package: 'left-pad', ranges: [], fixState: 'not-fixed' }],
    }),
    advisoryItem({
      id: 'CVE-2024-8',
      affected: [{ ecosystem: 'PyPI', package: 'flask', ranges: [], fixState: 'not-fixed' }],
    }),
  ]);
  await buildAdvisoryDb({
    sources: [{ path: source }],
    out: db,
    feeds: new Map([['osv', itemsFeed('osv')]]),
    now: '2024-01-01T00:00:00.000Z',
  });
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('db status', () => {
  it('reports feeds, counts per ecosystem, age, and warns past --max-age', async () => {
    const { code, stdout, stderr } = await cli(
      'db',
      'status',
      '--db',
      db,
      '--format',
      'json',
      '--max-age',
      '1d',
    );
    expect(code).toBe(0);
    const status = JSON.parse(stdout) as Record<string, unknown>;
    expect(status).toMatchObject({
      builtAt: '2024-01-01T00:00:00.000Z',
      stale: true,
      maxAgeSeconds: 86400,
      ecosystems: { npm: 1, PyPI: 1 },
    });
    expect(status.feeds).toEqual([expect.objectContaining({ name: 'osv', records: 2 })]);
    expect(stderr).toMatch(/warning: the DB is older than 1d/);
    const table = await cli('db', 'status', '--db', db);
    expect(table.stdout).toMatch(/osv\s*│\s*2/);
    expect(table.stdout).toMatch(/warning: the DB is older than 7d/);
  });

  it('says clearly when there is no DB, or an age it cannot read (exit 2)', async () => {
    const missing = await cli('db', 'status', '--db', join(dir, 'none.db'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no advisory DB at .*none\.db/);
    const age = await cli('db', 'status', '--db', db, '--max-age', 'soon');
    expect(age.code).toBe(2);
    expect(age.stderr).toMatch(/cannot read the age "soon"/);
  });

  it('defaults to the user data folder', () => {
    expect(defaultDbPath({ XDG_DATA_HOME: '/x/data' })).toBe('/x/data/cleanroom/advisory.db');
    expect(defaultDbPath({ HOME: '/h' })).toMatch(/\.local\/share\/cleanroom\/advisory\.db$/);
  });
});

describe('db export / import', () => {
  it('round-trips the DB as a plain and as a gzipped file', async () => {
    const original = await readFile(db);
    expect((await cli('db', 'export', join(dir, 'copy.db'), '--db', db)).code).toBe(0);
    expect((await readFile(join(dir, 'copy.db'))).equals(original)).toBe(true);
    expect((await cli('db', 'export', join(dir, 'copy.db.gz'), '--db', db)).code).toBe(0);
    expect(gunzipSync(await readFile(join(dir, 'copy.db.gz'))).equals(original)).toBe(true);
    const target = join(dir, 'imported', 'advisory.db');
    const imported = await cli('db', 'import', join(dir, 'copy.db.gz'), '--db', target);
    expect(imported.code).toBe(0);
    const reader = await openAdvisoryDb(target);
    expect((await reader.affected('npm', ['left-pad'])).map((r) => r.vulnerability)).toEqual(['CVE-2024-7']);
    await reader.close();
  });

  it('refuses a file that is not a cleanroom DB, or a newer schema, and keeps the current DB', async () => {
    const before = await readFile(db);
    await writeFile(join(dir, 'junk.db'), 'not a database at all');
    const junk = await cli('db', 'import', join(dir, 'junk.db'), '--db', db);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/junk\.db is not a SQLite database/);

    const foreign = new Database(join(dir, 'foreign.db'));
    foreign.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    foreign.close();
    const notOurs = await cli('db', 'import', join(dir, 'foreign.db'), '--db', db);
    expect(notOurs.code).toBe(2);
    expect(notOurs.stderr).toMatch(/foreign\.db is a SQLite database but not a cleanroom advisory DB/);

    await cli('db', 'export', join(dir, 'future.db'), '--db', db);
    const future = new Database(join(dir, 'future.db'));
    future.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    future.close();
    const newer = await cli('db', 'import', join(dir, 'future.db'), '--db', db);
    expect(newer.code).toBe(2);
    expect(newer.stderr).toMatch(/schema 99, newer than this cleanroom reads/);
    expect((await readFile(db)).equals(before)).toBe(true);
  });
});
