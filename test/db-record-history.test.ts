/**
 * The advisory DB keeps what records said before an update changed them (record history), a
 * current scan equals a scan as of now, and records without a date of their own are known from
 * the publication of their CVE. Expectations come from the raw feed files, read in the test.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAdvisoryDb, type BuildSource } from '../src/advisory/db/build.js';
import { openAdvisoryDb } from '../src/advisory/db/reader.js';
import type { ScanResult } from '../src/match/types.js';
import { scan } from '../src/scan.js';
import { parseFeedTime } from '../src/time/instant.js';
import { fixture } from './fixtures.js';
import { tempDir } from './scan-helpers.js';
import { runCli } from './sbom-helpers.js';

const tmp = tempDir();
afterAll(tmp.cleanup);

const build = async (out: string, sources: BuildSource[], now: string) => {
  const path = join(tmp.dir, out);
  return { path, result: await buildAdvisoryDb({ sources, out: path, now }) };
};

// what a scan says, without the times that tell when it was made
const answer = (r: ScanResult) => JSON.stringify([r.findings, r.suppressed, r.summary]);

describe('a current scan is a scan as of now', () => {
  const now = new Date('2026-11-20T00:00:00.000Z');
  const same = async (source: string, db: string) => {
    const current = await scan(source, { db, now });
    const asOfNow = await scan(source, { db, now, asOf: now.toISOString() });
    expect(answer(asOfNow)).toBe(answer(current));
    expect([current.replay, asOfNow.replay]).toEqual([false, true]);
    return current;
  };

  it('for every scan fixture, before and after a rebuild that withdraws a record', async () => {
    const secdb = join(tmp.dir, 'secdb');
    mkdirSync(secdb);
    for (const v of ['v3.9', 'v3.10']) {
      mkdirSync(join(secdb, v));
      for (const f of readdirSync(fixture('alpine-secdb', v)))
        copyFileSync(fixture('alpine-secdb', v, f), join(secdb, v, f));
    }
    const alpine = [
      { feed: 'alpine-secdb', path: secdb },
      { feed: 'cve5', path: fixture('cve5') },
    ];
    const alpineDb = (await build('alpine.db', alpine, '2026-11-01T00:00:00.000Z')).path;
    const { path: debianDb } = await build(
      'debian.db',
      [
        { feed: 'debian-dsa', path: fixture('debian-tracker/DSA.list') },
        { feed: 'debian-dsa', path: fixture('debian-tracker/DLA.list') },
      ],
      '2026-11-01T00:00:00.000Z',
    );
    const { path: wolfiDb } = await build(
      'wolfi.db',
      [{ feed: 'wolfi-advisories', path: fixture('wolfi-advisories') }],
      '2026-11-01T00:00:00.000Z',
    );
    const alpine39 = fixture('images/alpine-3.9.4.docker.tar.gz');
    const before = await same(alpine39, alpineDb);
    expect(before.findings.map((f) => f.vulnerability)).toContain('CVE-2019-1549');
    await same(fixture('images/alpine-3.10.2.docker.tar.gz'), alpineDb);
    await same(fixture('images/debian-bookworm-slim.oci.tar'), debianDb);
    expect(
      (await same(fixture('sbom/postgres-11.15-stretch.syft.cdx.xml'), debianDb)).findings.length,
    ).toBeGreaterThan(0);
    await same(fixture('history/wolfi/python/2024-03-01.cdx.json'), wolfiDb);

    // the v3.9 secdb no longer lists CVE-2019-1549: its record disappears in the next build
    const main = join(secdb, 'v3.9', 'main.yaml');
    writeFileSync(main, readFileSync(main, 'utf8').replace(/^\s+- CVE-2019-1549\n/m, ''));
    const { result: rebuilt } = await build('alpine.db', alpine, '2026-11-02T00:00:00.000Z');
    expect(rebuilt.withdrawn).toBe(1);
    const after = await same(alpine39, alpineDb);
    expect(after.findings.map((f) => f.vulnerability)).not.toContain('CVE-2019-1549');
    const replayed = await scan(alpine39, { db: alpineDb, asOf: '2026-11-01T12:00:00Z' });
    expect(answer(replayed)).toBe(answer(before));
  }, 180_000);
});

describe('record history over an update of a real feed', () => {
  // two real Go vulndb records: one gains its fix in the update, the other disappears from the feed
  const files = readdirSync(fixture('osv/go')).sort().slice(0, 40);
  const gains = 'GO-2020-0001.json';
  const goes = files.find((f) => f !== gains)!;
  const record = JSON.parse(readFileSync(fixture('osv/go', gains), 'utf8')) as {
    published: string;
    affected: { package: { name: string }; ranges: { events: Record<string, string>[] }[] }[];
  };
  const module = record.affected[0]!.package.name;
  const fixed = record.affected[0]!.ranges[0]!.events.find((e) => e.fixed)!.fixed!;

  it('answers as of a day before the update with the old content, after it with the new', async () => {
    const feed = join(tmp.dir, 'go');
    mkdirSync(feed);
    for (const f of files) copyFileSync(fixture('osv/go', f), join(feed, f));
    // before the update: the record had no fix yet
    const open = structuredClone(record);
    for (const a of open.affected) for (const r of a.ranges) r.events = r.events.filter((e) => !e.fixed);
    writeFileSync(join(feed, gains), JSON.stringify(open));
    const out = join(tmp.dir, 'go.db');
    await buildAdvisoryDb({ sources: [{ feed: 'osv', path: feed }], out, now: '2025-01-01T00:00:00.000Z' });
    writeFileSync(join(feed, gains), JSON.stringify(record));
    const { rmSync } = await import('node:fs');
    rmSync(join(feed, goes));
    const update = await buildAdvisoryDb({
      sources: [{ feed: 'osv', path: feed }],
      out,
      now: '2025-02-01T00:00:00.000Z',
    });
    expect([update.changed, update.withdrawn]).toEqual([1, 1]);

    const reader = await openAdvisoryDb(out);
    const rows = async (asOf?: string) =>
      (await reader.affected('Go', [module], asOf ? { asOf } : {})).filter(
        (r) => r.advisoryId === 'GO-2020-0001',
      );
    const [old] = await rows('2025-01-15');
    expect(old).toMatchObject({
      fixState: 'not-fixed',
      knownFromSource: 'published',
      knownTo: '2025-02-01T00:00:00.000Z',
    });
    expect(old!.knownFrom).toBe(parseFeedTime(record.published));
    const [now] = await rows();
    expect(now).toMatchObject({
      fixState: 'fixed',
      knownFrom: '2025-02-01T00:00:00.000Z',
      knownFromSource: 'update',
    });
    expect(await rows('2025-02-15')).toEqual([now]);
    // the record that disappeared still answers for the days before the update, and not after
    const gone = JSON.parse(readFileSync(fixture('osv/go', goes), 'utf8')) as {
      id: string;
      affected: { package: { name: string } }[];
    };
    const goneRows = async (asOf?: string) =>
      (await reader.affected('Go', [gone.affected[0]!.package.name], asOf ? { asOf } : {})).filter(
        (r) => r.advisoryId === gone.id,
      );
    expect((await goneRows('2025-01-15')).length).toBeGreaterThan(0);
    expect(await goneRows('2025-02-15')).toEqual([]);
    expect(await goneRows()).toEqual([]);
    await reader.close();

    // the same through a scan of an SBOM holding the module at the fixed version
    const sbom = join(tmp.dir, 'go.cdx.json');
    writeFileSync(
      sbom,
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        components: [
          { type: 'library', name: module, version: `v${fixed}`, purl: `pkg:golang/${module}@v${fixed}` },
        ],
      }),
    );
    const ids = async (asOf?: string) =>
      (await scan(sbom, { db: out, asOf })).findings.map((f) => f.vulnerability);
    expect(await ids('2025-01-15')).toContain('CVE-2020-36567');
    expect(await ids('2025-02-15')).not.toContain('CVE-2020-36567');
    expect(await ids()).not.toContain('CVE-2020-36567');

    const status = await runCli(['db', 'status', '--db', out, '--format', 'json']);
    expect(status.code).toBe(0);
    const { history } = JSON.parse(status.stdout) as { history: { superseded: number; withdrawn: number } };
    expect(history.superseded).toBe(1);
    expect(history.withdrawn).toBeGreaterThanOrEqual(1);
    const table = await runCli(['db', 'status', '--db', out]);
    expect(table.stdout).toMatch(/1 superseded by a later content/);
  }, 60_000);
});

describe('records without a date of their own', () => {
  it('are known from the CVE JSON 5 datePublished of their CVE when cve5/ is in the same DB', async () => {
    // the fixtures' cve5/ and the v3.9 secdb share no CVE: a real CVE 5 record is re-dated and
    // renamed to two CVEs the secdb lists, its datePublished zone-less as CVE.org writes them
    const secdb = fixture('alpine-secdb/v3.9/main.yaml');
    const text = readFileSync(secdb, 'utf8');
    const listed = ['CVE-2019-1549', 'CVE-2019-14697'];
    for (const cve of listed) expect(text).toContain(`- ${cve}\n`);
    const template = JSON.parse(readFileSync(fixture('cve5/2019/1010xxx/CVE-2019-1010023.json'), 'utf8')) as {
      cveMetadata: { cveId: string; datePublished: string };
      containers: { cna: Record<string, unknown> };
    };
    const cve5 = join(tmp.dir, 'cve5');
    mkdirSync(cve5);
    const published = { 'CVE-2019-1549': '2019-09-10T16:40:13', 'CVE-2019-14697': '2019-08-02T22:15:11' };
    for (const [cve, date] of Object.entries(published)) {
      const record = structuredClone(template);
      record.cveMetadata.cveId = cve;
      record.cveMetadata.datePublished = date;
      writeFileSync(join(cve5, `${cve}.json`), JSON.stringify(record));
    }
    const withCve5 = await build(
      'alias.db',
      [
        { feed: 'alpine-secdb', path: secdb },
        { feed: 'cve5', path: cve5 },
      ],
      '2026-11-01T00:00:00.000Z',
    );
    const alone = await build(
      'alone.db',
      [{ feed: 'alpine-secdb', path: secdb }],
      '2026-11-01T00:00:00.000Z',
    );
    const rowsOf = async (db: string) => {
      const reader = await openAdvisoryDb(db);
      const rows = await reader.affected('Alpine:v3.9', ['openssl', 'musl']);
      await reader.close();
      return rows;
    };
    const rows = await rowsOf(withCve5.path);
    const aloneRows = await rowsOf(alone.path);
    for (const [cve, date] of Object.entries(published)) {
      expect(
        rows.find((r) => r.vulnerability === cve),
        cve,
      ).toMatchObject({
        knownFrom: `${date}.000Z`,
        knownFromSource: 'alias',
      });
      // without cve5/ the DB knows it only from its first build
      expect(aloneRows.find((r) => r.vulnerability === cve)).toMatchObject({
        knownFrom: '2026-11-01T00:00:00.000Z',
        knownFromSource: 'first-build',
      });
    }
    // a secdb record with no CVE 5 record keeps its first build
    expect(rows.find((r) => !(r.vulnerability in published))?.knownFromSource).toBe('first-build');
  }, 60_000);
});
