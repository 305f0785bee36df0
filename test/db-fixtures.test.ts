/**
 * A DB built from every advisory fixture holds, per feed, exactly what the raw files say: the
 * counts here are derived from the files with their own small parsers, not from the feeds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildAdvisoryDb } from '../src/advisory/db/build.js';
import type { BuildResult, BuildSource } from '../src/advisory/db/build.js';
import { registeredFeeds } from '../src/advisory/db/feed-lookup.js';
import { openAdvisoryDb } from '../src/advisory/db/reader.js';
import type { AdvisoryTables } from '../src/advisory/db/schema.js';
import { connect } from '../src/store/connect.js';
import type { Store } from '../src/store/connect.js';
import { toCount } from '../src/store/sql-values.js';
import { fixture } from './fixtures.js';

const files = (dir: string, ext: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => join(dir, f));

const SOURCES: { feed: string; path: string }[] = [
  { feed: 'osv', path: fixture('osv', 'go') },
  { feed: 'osv', path: fixture('peer', 'trivy', 'osv') },
  { feed: 'alpine-secdb', path: fixture('alpine-secdb') },
  { feed: 'wolfi-advisories', path: fixture('wolfi-advisories') },
  { feed: 'debian-dsa', path: fixture('debian-tracker') },
  { feed: 'cve5', path: fixture('cve5') },
  { feed: 'kev', path: fixture('kev', 'known_exploited_vulnerabilities.json') },
  { feed: 'epss', path: fixture('epss') },
];

// DSA/DLA lists: one record per CVE an advisory names, or one for the advisory when it names none
function debianRecords(): number {
  const ids = new Set<string>();
  for (const list of ['DSA.list', 'DLA.list']) {
    let current: string | undefined;
    for (const line of readFileSync(fixture('debian-tracker', list), 'utf8').split('\n')) {
      const head = /^\[[^\]]+\]\s+(\S+)/.exec(line);
      if (head) ids.add((current = head[1]!));
      const cves =
        /^\s+\{(.*)\}/
          .exec(line)?.[1]
          ?.split(/\s+/)
          .filter((c) => c.startsWith('CVE-')) ?? [];
      if (current && cves.length > 0) {
        ids.delete(current);
        for (const cve of cves) ids.add(`${current}/${cve}`);
      }
    }
  }
  return ids.size;
}

let dir: string;
let store: Store<AdvisoryTables>;
let result: BuildResult;
const count = async (table: 'kev' | 'epss' | 'vulnerability', feed?: string) => {
  let q = store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (feed) q = q.where('feed' as never, '=', feed as never);
  return toCount((await q.executeTakeFirstOrThrow()).n);
};

beforeAll(async () => {
  // every fixture feed must be registered: a missing one fails here, it is never skipped
  const feeds = await registeredFeeds();
  expect(SOURCES.map((s) => s.feed).filter((f) => !feeds.has(f))).toEqual([]);
  const sources: BuildSource[] = SOURCES;
  dir = await mkdtemp(join(tmpdir(), 'cleanroom-fixtures-'));
  result = await buildAdvisoryDb({ sources, out: join(dir, 'advisory.db') });
  store = await connect<AdvisoryTables>(join(dir, 'advisory.db'), { readonly: true });
}, 300_000);
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a DB built from all advisory fixtures', () => {
  const records = (feed: string) => result.feeds.find((f) => f.name === feed)?.records;

  it('holds every OSV record, and every Go affected package', async () => {
    const go = files(fixture('osv', 'go'), '.json').map(
      (f) => JSON.parse(readFileSync(f, 'utf8')) as { affected?: { package: { ecosystem: string } }[] },
    );
    const trivy = files(fixture('peer', 'trivy', 'osv'), '.json');
    expect(await count('vulnerability', 'osv')).toBe(go.length + trivy.length);
    expect(records('osv')).toBe(go.length + trivy.length);
    const goAffected = go.flatMap((r) => r.affected ?? []).filter((a) => a.package.ecosystem === 'Go').length;
    const reader = await openAdvisoryDb(join(dir, 'advisory.db'));
    expect((await reader.ecosystems()).get('Go')).toBe(goAffected);
    await reader.close();
  });

  it('holds every Wolfi advisory', async () => {
    const docs = files(fixture('wolfi-advisories'), '.advisories.yaml').map(
      (f) => parse(readFileSync(f, 'utf8')) as { advisories?: unknown[] },
    );
    const expected = docs.reduce((n, d) => n + (d.advisories?.length ?? 0), 0);
    expect(await count('vulnerability', 'wolfi-advisories')).toBe(expected);
    expect(records('wolfi-advisories')).toBe(expected);
  });

  it('keeps the fix state, fixed version and time of the last Wolfi event', async () => {
    interface Event {
      timestamp: string;
      type: string;
      data?: { 'fixed-version'?: string };
    }
    const reader = await openAdvisoryDb(join(dir, 'advisory.db'));
    let checked = 0;
    for (const name of ['aactl', 'actions-runner-controller']) {
      const doc = parse(readFileSync(fixture('wolfi-advisories', `${name}.advisories.yaml`), 'utf8')) as {
        advisories: { id: string; events: Event[] }[];
      };
      const rows = (await reader.affected('Wolfi', [name])).filter((r) => r.feed === 'wolfi-advisories');
      for (const a of doc.advisories) {
        const last = a.events.at(-1)!;
        const row = rows.find((r) => r.advisoryId === a.id);
        if (last.type === 'fixed') {
          checked++;
          expect(row).toMatchObject({ fixState: 'fixed', fixedVersion: last.data!['fixed-version'] });
          expect(Date.parse(row!.fixedAt!)).toBe(Date.parse(last.timestamp));
        } else if (last.type === 'false-positive-determination') {
          checked++;
          expect(row?.fixState).toBe('not-affected');
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
    await reader.close();
  });

  it('holds one record per CVE of every DSA/DLA', async () => {
    expect(await count('vulnerability', 'debian-dsa')).toBe(debianRecords());
  });

  it('holds every CVE 5 record', async () => {
    expect(await count('vulnerability', 'cve5')).toBe(files(fixture('cve5'), '.json').length);
  });

  it('holds every Alpine secdb fix of a plainly written CVE', async () => {
    const reader = await openAdvisoryDb(join(dir, 'advisory.db'));
    let plain = 0;
    for (const branch of readdirSync(fixture('alpine-secdb'))) {
      for (const file of files(fixture('alpine-secdb', branch), '.yaml')) {
        const doc = parse(readFileSync(file, 'utf8')) as {
          packages?: { pkg: { name: string; secfixes?: Record<string, string[] | null> } }[];
        };
        const names = (doc.packages ?? []).map((p) => p.pkg.name);
        const rows = await reader.affected(`Alpine:${branch}`, names);
        const have = new Set(
          rows
            .filter((r) => r.feed === 'alpine-secdb')
            .map((r) => `${r.package} ${r.fixedVersion ?? '0'} ${r.vulnerability}`),
        );
        for (const p of doc.packages ?? [])
          for (const [version, ids] of Object.entries(p.pkg.secfixes ?? {}))
            for (const id of ids ?? [])
              if (/^CVE-\d{4}-\d{4,}$/.test(id)) {
                plain++;
                expect(have).toContain(`${p.pkg.name} ${version} ${id}`);
              }
      }
    }
    expect(plain).toBeGreaterThan(10_000);
    expect(records('alpine-secdb')).toBe(await count('vulnerability', 'alpine-secdb'));
    await reader.close();
  });

  it('holds every KEV entry', async () => {
    const kev = JSON.parse(readFileSync(fixture('kev', 'known_exploited_vulnerabilities.json'), 'utf8')) as {
      vulnerabilities: { cveID: string }[];
    };
    expect(await count('kev')).toBe(new Set(kev.vulnerabilities.map((v) => v.cveID)).size);
  });

  it('holds every EPSS score', async () => {
    const cves = new Set<string>();
    for (const file of files(fixture('epss'), '.csv'))
      for (const line of readFileSync(file, 'utf8').split('\n'))
        if (/^CVE-\d+-\d+;/.test(line)) cves.add(line.split(';')[0]!);
    expect(await count('epss')).toBe(cves.size);
  });
});
