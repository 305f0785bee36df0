import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdvisoryDb, writeBuild } from '../src/advisory/db/build.js';
import { advisoryItem, itemsFeed, writeItems } from '../src/advisory/db/items-feed.test-helper.js';
import { openAdvisoryDb } from '../src/advisory/db/reader.js';
import type { AdvisoryTables } from '../src/advisory/db/schema.js';
import type { AdvisoryDbReader } from '../src/advisory/db/types.js';
import { connect } from '../src/store/connect.js';
import { toCount } from '../src/store/sql-values.js';
import { postgresBin, startPostgres } from './postgres.test-helper.js';

const bin = postgresBin();
if (!bin) console.warn('skipping the PostgreSQL test: no /usr/lib/postgresql/*/bin/pg_ctl on this machine');

const feed = itemsFeed('osv');
const now = '2024-05-01T00:00:00.000Z';
const affected = (pkg: string) => ({
  ecosystem: 'PyPI',
  package: pkg,
  ranges: [],
  fixState: 'fixed' as const,
  fixedVersion: '2.0',
});

// everything a matcher asks, as plain data, to compare the two dialects
async function answers(reader: AdvisoryDbReader) {
  const meta = await reader.meta();
  return {
    feeds: meta.feeds,
    builtAt: meta.builtAt,
    schemaVersion: meta.schemaVersion,
    affected: (await reader.affected('PyPI', ['django', 'flask', 'none'])).sort((a, b) =>
      a.advisoryId.localeCompare(b.advisoryId),
    ),
    asOf: (await reader.affected('PyPI', ['django', 'flask'], { asOf: '2024-01-15' }))
      .map((r) => r.advisoryId)
      .sort(),
    vulns: [...(await reader.vulnerabilities(['GHSA-dj', 'CVE-2024-2']))],
    kev: [...(await reader.kev(['CVE-2024-1', 'CVE-2024-2']))],
    epss: [...(await reader.epss(['CVE-2024-1', 'CVE-2024-9']))],
    ecosystems: [...(await reader.ecosystems())],
  };
}

describe.skipIf(!bin)('the advisory DB on PostgreSQL', () => {
  let pg: { url: string; stop(): void };
  let dir: string;
  beforeAll(async () => {
    pg = await startPostgres(bin!);
    dir = await mkdtemp(join(tmpdir(), 'cleanroom-pgdb-'));
  });
  afterAll(async () => {
    pg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the migrations, stores a build and reads it back exactly as SQLite does', async () => {
    const source = join(dir, 'osv.items.jsonl');
    await writeItems(source, [
      advisoryItem({
        id: 'GHSA-dj',
        aliases: ['CVE-2024-1'],
        published: '2024-01-01T00:00:00Z',
        affected: [affected('django')],
      }),
      advisoryItem({
        id: 'CVE-2024-2',
        published: '2024-02-01T00:00:00Z',
        summary: 'later',
        affected: [affected('flask')],
      }),
      { kind: 'kev', cve: 'CVE-2024-1', dateAdded: '2024-03-01', knownRansomware: true },
      { kind: 'epss', cve: 'CVE-2024-1', epss: 0.5, percentile: 0.75 },
    ]);
    const store = await connect<AdvisoryTables>(pg.url);
    expect(store.dialect).toBe('postgres');
    await writeBuild(store, [{ feed, path: source, fetchedAt: now }], { now });
    const count = await store.db
      .selectFrom('affected')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(typeof count.n).toBe('string'); // the PG trap toCount exists for
    expect(toCount(count.n)).toBe(2);
    await store.close();

    const file = join(dir, 'advisory.db');
    await buildAdvisoryDb({
      sources: [{ path: source, fetchedAt: now }],
      out: file,
      feeds: new Map([['osv', feed]]),
      now,
    });
    const onPg = await openAdvisoryDb(pg.url);
    const onSqlite = await openAdvisoryDb(file);
    const fromPg = await answers(onPg);
    expect(fromPg.affected).toHaveLength(2);
    expect(fromPg.asOf).toEqual(['GHSA-dj']);
    expect(fromPg.kev).toEqual([['CVE-2024-1', '2024-03-01T00:00:00.000Z']]);
    expect(fromPg).toEqual(await answers(onSqlite));
    await onPg.close();
    await onSqlite.close();
  });
});
