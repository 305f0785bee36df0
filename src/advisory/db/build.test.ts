import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { buildAdvisoryDb } from './build.js';
import { advisoryItem, itemsFeed, writeItems } from './items-feed.test-helper.js';
import { openAdvisoryDb } from './reader.js';

const feeds = new Map([
  ['osv', itemsFeed('osv')],
  ['wolfi', itemsFeed('wolfi')],
]);
const affected = (pkg: string, fixed?: string) => ({
  ecosystem: 'Wolfi',
  package: pkg,
  ranges: [],
  fixState: fixed ? ('fixed' as const) : ('not-fixed' as const),
  fixedVersion: fixed,
});

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'cleanroom-db-'))));
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('buildAdvisoryDb', () => {
  it('collapses aliases to the CVE, merges feeds, and answers batched lookups', async () => {
    await writeItems(join(dir, 'osv.items.jsonl'), [
      advisoryItem({
        id: 'GHSA-aaaa',
        aliases: ['CVE-2024-1'],
        summary: 'from osv',
        affected: [affected('curl', '8.1')],
      }),
      { kind: 'kev', cve: 'CVE-2024-1', dateAdded: '2024-02-01' },
      { kind: 'epss', cve: 'CVE-2024-1', epss: 0.25, percentile: 0.9 },
    ]);
    await writeItems(join(dir, 'wolfi.items.jsonl'), [
      advisoryItem({ id: 'CGA-bbbb', aliases: ['CVE-2024-1'], affected: [affected('curl')] }),
      advisoryItem({ id: 'CVE-2024-2', affected: [affected('zlib')] }),
    ]);
    const out = join(dir, 'advisory.db');
    const result = await buildAdvisoryDb({
      sources: [
        { path: join(dir, 'osv.items.jsonl') },
        { feed: 'wolfi', path: join(dir, 'wolfi.items.jsonl') },
      ],
      out,
      feeds,
    });
    expect(result.feeds.map((f) => [f.name, f.records])).toEqual([
      ['osv', 3],
      ['wolfi', 2],
    ]);
    const db = await openAdvisoryDb(out);
    const rows = await db.affected('Wolfi', ['curl', 'zlib', 'absent']);
    expect(rows.map((r) => [r.package, r.vulnerability, r.advisoryId, r.fixState]).sort()).toEqual([
      ['curl', 'CVE-2024-1', 'CGA-bbbb', 'not-fixed'],
      ['curl', 'CVE-2024-1', 'GHSA-aaaa', 'fixed'],
      ['zlib', 'CVE-2024-2', 'CVE-2024-2', 'not-fixed'],
    ]);
    const vulns = await db.vulnerabilities(['GHSA-aaaa', 'CVE-2024-2', 'NOPE']);
    expect(vulns.get('GHSA-aaaa')).toMatchObject({
      id: 'CVE-2024-1',
      summary: 'from osv',
      feeds: ['osv', 'wolfi'],
    });
    expect(vulns.get('GHSA-aaaa')?.aliases).toEqual(['CGA-bbbb', 'GHSA-aaaa']);
    expect(vulns.has('NOPE')).toBe(false);
    expect(await db.kev(['CVE-2024-1', 'CVE-2024-2'])).toEqual(
      new Map([['CVE-2024-1', '2024-02-01T00:00:00.000Z']]),
    );
    expect(await db.epss(['CVE-2024-1'])).toEqual(new Map([['CVE-2024-1', 0.25]]));
    expect(await db.ecosystems()).toEqual(new Map([['Wolfi', 3]]));
    await db.close();
  });

  it('keeps first_seen across rebuilds and withdraws records that disappeared', async () => {
    const source = join(dir, 'wolfi.items.jsonl');
    const out = join(dir, 'advisory.db');
    const build = (now: string) =>
      buildAdvisoryDb({ sources: [{ feed: 'wolfi', path: source }], out, feeds, now });
    await writeItems(source, [
      advisoryItem({ id: 'CVE-2024-10', affected: [affected('a')] }),
      advisoryItem({ id: 'CVE-2024-11', affected: [affected('a')] }),
    ]);
    await build('2024-03-01T00:00:00.000Z');
    await writeItems(source, [advisoryItem({ id: 'CVE-2024-10', affected: [affected('a')] })]);
    const second = await build('2024-04-01T00:00:00.000Z');
    expect(second.withdrawn).toBe(1);
    const db = await openAdvisoryDb(out);
    const all = await db.affected('Wolfi', ['a'], { allTimes: true });
    const byId = new Map(all.map((r) => [r.vulnerability, r]));
    expect(byId.get('CVE-2024-10')).toMatchObject({
      knownFrom: '2024-03-01T00:00:00.000Z',
      withdrawn: undefined,
    });
    expect(byId.get('CVE-2024-11')).toMatchObject({ withdrawn: '2024-04-01T00:00:00.000Z' });
    const ids = async (asOf: string) =>
      (await db.affected('Wolfi', ['a'], { asOf })).map((r) => r.vulnerability).sort();
    expect(await ids('2024-02-01')).toEqual([]);
    expect(await ids('2024-03-15')).toEqual(['CVE-2024-10', 'CVE-2024-11']);
    expect(await ids('2024-04-02')).toEqual(['CVE-2024-10']);
    await db.close();
  });

  it('rebuilds over a DB of schema 3 through its migrations, keeping first_seen and withdrawals', async () => {
    const source = join(dir, 'wolfi.items.jsonl');
    const out = join(dir, 'advisory.db');
    const build = (now: string) =>
      buildAdvisoryDb({ sources: [{ feed: 'wolfi', path: source }], out, feeds, now });
    await writeItems(source, [
      advisoryItem({ id: 'CVE-2024-10', affected: [affected('a')] }),
      advisoryItem({ id: 'CVE-2024-11', affected: [affected('a')] }),
      advisoryItem({ id: 'CVE-2024-12', affected: [affected('a')] }),
    ]);
    await build('2024-03-01T00:00:00.000Z');
    await writeItems(source, [
      advisoryItem({ id: 'CVE-2024-10', affected: [affected('a')] }),
      advisoryItem({ id: 'CVE-2024-11', affected: [affected('a')] }),
    ]);
    await build('2024-03-15T00:00:00.000Z');
    // back to the shape of schema 3: no record-history columns, one migration recorded
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(out);
    raw.exec(`UPDATE meta SET value = '3' WHERE key = 'schema_version';
      ALTER TABLE affected DROP COLUMN known_to; ALTER TABLE affected DROP COLUMN known_from_source;
      DELETE FROM advisory_migration WHERE name = '0002-record-history';`);
    raw.close();
    await writeItems(source, [advisoryItem({ id: 'CVE-2024-10', affected: [affected('a', '1.2')] })]);
    const second = await build('2024-04-01T00:00:00.000Z');
    expect(second.withdrawn).toBe(2);
    const db = await openAdvisoryDb(out);
    const ids = async (asOf: string) =>
      (await db.affected('Wolfi', ['a'], { asOf })).map((r) => `${r.vulnerability} ${r.fixState}`).sort();
    // the record withdrawn before the migration stays withdrawn from then; the other from now
    expect(await ids('2024-03-10')).toEqual([
      'CVE-2024-10 not-fixed',
      'CVE-2024-11 not-fixed',
      'CVE-2024-12 not-fixed',
    ]);
    expect(await ids('2024-03-20')).toEqual(['CVE-2024-10 not-fixed', 'CVE-2024-11 not-fixed']);
    expect(await ids('2024-04-02')).toEqual(['CVE-2024-10 fixed']);
    expect(await db.affected('Wolfi', ['a'])).toMatchObject([
      { vulnerability: 'CVE-2024-10', knownFrom: '2024-04-01T00:00:00.000Z', fixedVersion: '1.2' },
    ]);
    await db.close();
  });

  it('refuses, naming the file, to rebuild over a DB whose history it cannot carry', async () => {
    const source = join(dir, 'wolfi.items.jsonl');
    const out = join(dir, 'advisory.db');
    await writeItems(source, [advisoryItem({ id: 'CVE-2024-10', affected: [affected('a')] })]);
    await buildAdvisoryDb({ sources: [{ feed: 'wolfi', path: source }], out, feeds });
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(out);
    raw.exec(`UPDATE meta SET value = '2' WHERE key = 'schema_version'`);
    raw.close();
    const before = await readFile(out);
    await expect(buildAdvisoryDb({ sources: [{ feed: 'wolfi', path: source }], out, feeds })).rejects.toThrow(
      /advisory\.db has advisory DB schema 2, whose history this cleanroom cannot carry/,
    );
    await writeFile(join(dir, 'junk.db'), 'not a database at all, but long enough to be read as one');
    await expect(
      buildAdvisoryDb({ sources: [{ feed: 'wolfi', path: source }], out: join(dir, 'junk.db'), feeds }),
    ).rejects.toThrow(/junk\.db/);
    expect((await readFile(out)).equals(before)).toBe(true);
  });

  it('hides a record published after D as of D, and a feed-withdrawn one after its withdrawal', async () => {
    const source = join(dir, 'osv.items.jsonl');
    await writeItems(source, [
      advisoryItem({ id: 'CVE-2023-1', published: '2023-06-01T00:00:00Z', affected: [affected('x')] }),
      advisoryItem({
        id: 'CVE-2023-2',
        published: '2023-01-01T00:00:00Z',
        withdrawn: '2023-09-01T00:00:00Z',
        affected: [affected('x')],
      }),
    ]);
    const out = join(dir, 'advisory.db');
    await buildAdvisoryDb({ sources: [{ path: source }], out, feeds });
    const db = await openAdvisoryDb(out);
    const ids = async (asOf: string) =>
      (await db.affected('Wolfi', ['x'], { asOf })).map((r) => r.vulnerability).sort();
    expect(await ids('2023-05-31')).toEqual(['CVE-2023-2']);
    expect(await ids('2023-06-01')).toEqual(['CVE-2023-1', 'CVE-2023-2']);
    expect(await ids('2023-09-01T00:00:00Z')).toEqual(['CVE-2023-1']);
    await db.close();
  });

  it('leaves the old DB untouched when a feed cannot be read', async () => {
    const source = join(dir, 'osv.items.jsonl');
    const out = join(dir, 'advisory.db');
    await writeItems(source, [advisoryItem({ id: 'CVE-2023-1', affected: [affected('x')] })]);
    await buildAdvisoryDb({ sources: [{ path: source }], out, feeds });
    const before = await readFile(out);
    await writeFile(source, `${JSON.stringify(advisoryItem({ id: 'CVE-2023-3' }))}\n"BROKEN"\n`);
    const failing = buildAdvisoryDb({ sources: [{ path: source }], out, feeds });
    await expect(failing).rejects.toThrow(InputError);
    await expect(failing).rejects.toThrow(/cannot read the osv feed from .*osv.items.jsonl/);
    expect((await readFile(out)).equals(before)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['advisory.db', 'osv.items.jsonl']);
    await expect(buildAdvisoryDb({ sources: [{ path: join(dir, 'none') }], out, feeds })).rejects.toThrow(
      /does not exist/,
    );
  });
});

describe('openAdvisoryDb', () => {
  it('refuses, in one sentence, a DB of another schema version', async () => {
    await writeItems(join(dir, 'osv.items.jsonl'), [
      advisoryItem({ id: 'CVE-2024-9', affected: [affected('curl')] }),
    ]);
    const out = join(dir, 'advisory.db');
    await buildAdvisoryDb({ sources: [{ path: join(dir, 'osv.items.jsonl') }], out, feeds });
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(out);
    raw.prepare("UPDATE meta SET value = '1' WHERE key = 'schema_version'").run();
    raw.close();
    await expect(openAdvisoryDb(out)).rejects.toThrow(
      /advisory\.db has advisory DB schema 1, and this cleanroom reads schema \d+; rebuild it/,
    );
    await writeFile(join(dir, 'other.db'), '');
    await expect(openAdvisoryDb(join(dir, 'other.db'))).rejects.toThrow(/is not a cleanroom advisory DB/);
  });
});
