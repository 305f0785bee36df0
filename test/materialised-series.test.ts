/**
 * The materialised series (src/history/materialise/, issue 23): after `refreshSeries`, every tag's
 * stored series equals a fresh replay of the same days under both lenses; after a DB update that
 * changes one record, only the tags whose packages that record matches are recomputed, and every
 * series still equals a fresh replay; a new observation recomputes its tag from its day.
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdvisoryDb } from '../src/advisory/db/build.js';
import { openAdvisoryDb } from '../src/advisory/db/reader.js';
import type { AdvisoryDbReader } from '../src/advisory/db/types.js';
import { LENSES } from '../src/history/lens.js';
import { refreshSeries } from '../src/history/materialise/refresh.js';
import { directoryPage, directoryTagPage } from '../src/history/directory-page.js';
import { directoryRow } from '../src/history/directory-row.js';
import { readState } from '../src/history/materialise/store.js';
import { materialisedPoints } from '../src/history/materialise/read.js';
import { DEFAULT_QUERY, pointOf, tagSeries } from '../src/history/series.js';
import { openHistoryStore, type HistoryStore } from '../src/history/store/open.js';
import { tagDays } from '../src/history/tag-days.js';
import { track } from '../src/history/track.js';
import { DEFAULT_RULES } from '../src/match/counting.js';
import { dayOf } from '../src/time/instant.js';
import { ALPINE, PYTHON } from './api-helpers.js';
import { fixture } from './fixtures.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-materialised-');
const secdb = join(tmp.dir, 'secdb');
const db = join(tmp.dir, 'advisory.db');
const storePath = join(tmp.dir, 'history.db');
const wolfi = join(tmp.dir, 'wolfi-advisories');
const sources = [
  { feed: 'wolfi-advisories', path: wolfi },
  { feed: 'alpine-secdb', path: secdb },
];
const ref = (r: string) => ({ image: r.slice(0, r.lastIndexOf(':')), tag: r.slice(r.lastIndexOf(':') + 1) });
const TAGS = [ref(ALPINE), ref(PYTHON)]; // in the order a refresh takes them: by name
const today = dayOf(new Date().toISOString());

let store: HistoryStore;

// a fresh replay of every day from the tag's first one to today, not through the stored series
async function live(reader: AdvisoryDbReader, r: { image: string; tag: string }, from: string) {
  const out: Record<string, unknown> = {};
  for (const lens of LENSES) {
    const days = await tagDays(store, reader, r, { from, to: today }, { lens, replay: true });
    out[lens] = days.map((d) => pointOf(d, { lens, rules: DEFAULT_RULES }));
  }
  return out;
}
async function stored(reader: AdvisoryDbReader, r: { image: string; tag: string }, from: string) {
  const out: Record<string, unknown> = {};
  for (const lens of LENSES)
    out[lens] = await materialisedPoints(store, reader, r, { from, to: today }, lens);
  return out;
}
const FIRST: Record<string, string> = { [PYTHON]: '2024-01-01', [ALPINE]: '2019-05-01' };

async function expectEqualToReplay(reader: AdvisoryDbReader) {
  for (const name of [PYTHON, ALPINE]) {
    const fresh = await live(reader, ref(name), FIRST[name]!);
    const kept = await stored(reader, ref(name), FIRST[name]!);
    expect((kept.then as unknown[]).length).toBeGreaterThan(300);
    expect(kept).toEqual(fresh);
  }
}

beforeAll(async () => {
  cpSync(fixture('wolfi-advisories'), wolfi, { recursive: true });
  for (const v of ['v3.9', 'v3.10']) {
    mkdirSync(join(secdb, v), { recursive: true });
    for (const f of readdirSync(fixture('alpine-secdb', v)))
      copyFileSync(fixture('alpine-secdb', v, f), join(secdb, v, f));
  }
  await buildAdvisoryDb({ sources, out: db, now: '2026-11-01T00:00:00.000Z' });
  const folder = fixture('history', 'wolfi', 'python');
  const sboms = readdirSync(folder)
    .filter((f) => f.endsWith('.cdx.json') && f < '2024-07')
    .sort()
    .map((f) => join(folder, f));
  await track(sboms, { as: PYTHON, store: storePath, db });
  await track([fixture('images', 'alpine-3.9.4.docker.tar.gz')], {
    as: ALPINE,
    store: storePath,
    db,
    at: '2019-05-11T12:00:00.000Z',
  });
  store = await openHistoryStore(storePath);
}, 300_000);
afterAll(async () => {
  await store?.close();
  tmp.cleanup();
});

describe('materialised series', () => {
  it('computes every tag once, equal to a fresh replay under both lenses, then has nothing to do', async () => {
    const reader = await openAdvisoryDb(db);
    try {
      // the Directory's rows before (computed) and after (read from the stored series)
      const rows = async () => {
        const out = [];
        for (const r of TAGS)
          for (const lens of LENSES) out.push(await directoryRow(store, reader, r, 30, lens));
        return out;
      };
      const computed = await rows();
      const first = await refreshSeries(store, reader);
      expect(first.tags.computed).toEqual(TAGS);
      expect(await rows()).toEqual(computed);
      expect(computed.every((r) => r.latest && r.recent?.length)).toBe(true);
      await expectEqualToReplay(reader);
      const again = await refreshSeries(store, reader);
      expect(again.tags.current).toEqual(TAGS);
      expect(again.days).toBe(0);
      // the series every caller reads is the stored one, and equal to the live one
      const range = { from: '2024-02-01', to: '2024-03-31' };
      expect(await tagSeries(store, reader, ref(PYTHON), range, DEFAULT_QUERY)).toEqual(
        (await tagDays(store, reader, ref(PYTHON), range, { lens: 'then', replay: true })).map((d) =>
          pointOf(d, DEFAULT_QUERY),
        ),
      );
    } finally {
      await reader.close();
    }
  }, 300_000);

  it('pages, sorts and filters the Directory from the stored last points', async () => {
    const page = (q: Partial<Parameters<typeof directoryPage>[1]>) =>
      directoryPage(store, { limit: 50, offset: 0, sort: 'name', order: 'asc', lens: 'then', ...q }).then(
        (p) => [p.total, p.images.map((i) => i.name)],
      );
    const reader = await openAdvisoryDb(db);
    try {
      const total = async (r: { image: string; tag: string }) =>
        (await directoryRow(store, reader, r, 0, 'now')).packages!;
      const [alpine, python] = [await total(ref(ALPINE)), await total(ref(PYTHON))];
      expect(alpine).not.toBe(python);
      const most =
        alpine > python ? [ref(ALPINE).image, ref(PYTHON).image] : [ref(PYTHON).image, ref(ALPINE).image];
      expect(await page({ sort: 'packages', order: 'desc' })).toEqual([2, most]);
      expect(await page({ sort: 'packages', order: 'asc' })).toEqual([2, [...most].reverse()]);
      // by total under the lens: the same order as the rows' own totals
      const now = async (r: { image: string; tag: string }) =>
        (await directoryRow(store, reader, r, 0, 'now')).latest!.total;
      const byTotal =
        (await now(ref(ALPINE))) >= (await now(ref(PYTHON))) ? [ALPINE, PYTHON] : [PYTHON, ALPINE];
      expect((await page({ sort: 'total', order: 'desc', lens: 'now' }))[1]).toEqual(
        byTotal.map((n) => ref(n).image),
      );
      expect(await page({ q: 'PYTH' })).toEqual([1, [ref(PYTHON).image]]);
      expect(await page({ q: 'latest' })).toEqual([1, [ref(PYTHON).image]]);
      expect(await page({ offset: 1, limit: 1 })).toEqual([2, [ref(PYTHON).image]]);
      // one row per tag, each the row directoryRow gives, filtered on what the tag carries
      const tags = await directoryTagPage(store, reader, {
        limit: 50,
        offset: 0,
        sort: 'packages',
        order: 'desc',
        lens: 'now',
        recent: 30,
      });
      expect(tags.rows.map((r) => r.image)).toEqual(most);
      for (const r of tags.rows)
        expect(r).toEqual({
          image: r.image,
          tag: r.tag,
          registry: r.image.startsWith('cgr.dev/') ? 'cgr.dev' : 'docker.io',
          ...(await directoryRow(store, reader, { image: r.image, tag: r.tag }, 30, 'now')),
        });
      const only = (q: Partial<Parameters<typeof directoryTagPage>[2]>) =>
        directoryTagPage(store, reader, {
          limit: 50,
          offset: 0,
          sort: 'name',
          order: 'asc',
          lens: 'now',
          recent: 0,
          ...q,
        }).then((p) => p.rows.map((r) => r.image));
      expect(await only({ registry: 'cgr.dev' })).toEqual([ref(PYTHON).image]);
      expect(await only({ distro: 'alpine' })).toEqual([ref(ALPINE).image]);
    } finally {
      await reader.close();
    }
  });

  it('keeps a tag whose package changed in the DB where no version it carries is affected, before or after', async () => {
    // busybox 1.29.3-r10 (alpine:3.9.4) is past every busybox fix; CVE-2017-15874's moves to an
    // earlier release: the record changes (its row of the last build is closed, a new one begins)
    const main = join(secdb, 'v3.9', 'main.yaml');
    const before = readFileSync(main, 'utf8');
    const from = '          - CVE-2017-15873\n          - CVE-2017-15874\n';
    expect(before).toContain(from);
    writeFileSync(
      main,
      before.replace(from, '          - CVE-2017-15873\n        1.27.2-r3:\n          - CVE-2017-15874\n'),
    );
    await buildAdvisoryDb({ sources, out: db, now: '2026-11-01T12:00:00.000Z' });
    const reader = await openAdvisoryDb(db);
    try {
      const rows = await reader.affected('Alpine:v3.9', ['busybox'], { allTimes: true });
      const closed = rows.filter((r) => r.vulnerability === 'CVE-2017-15874');
      expect(closed.map((r) => [r.fixedVersion, r.knownTo !== undefined])).toEqual(
        expect.arrayContaining([
          ['1.27.2-r4', true],
          ['1.27.2-r3', false],
        ]),
      );
      const result = await refreshSeries(store, reader);
      expect(result.tags.recomputed).toEqual([]);
      expect(result.tags.kept).toEqual(TAGS);
      await expectEqualToReplay(reader);
    } finally {
      await reader.close();
    }
  }, 300_000);

  it('recomputes a tag from the first day of a digest whose matches changed, not before', async () => {
    // a new advisory about libxcrypt, which the python image carries from its 2024-03-27 digest on
    writeFileSync(
      join(wolfi, 'libxcrypt.advisories.yaml'),
      [
        'schema-version: 2.0.2',
        'package:',
        '  name: libxcrypt',
        'advisories:',
        '  - id: CGA-test-0000-0001',
        '    aliases: [CVE-2024-0001]',
        '    events:',
        '      - timestamp: 2024-04-15T00:00:00Z',
        '        type: detection',
        '        data: { type: manual }',
        '      - timestamp: 2024-05-20T00:00:00Z',
        '        type: fixed',
        '        data: { fixed-version: 4.4.36-r99 }',
        '',
      ].join('\n'),
    );
    await buildAdvisoryDb({ sources, out: db, now: '2026-11-01T18:00:00.000Z' });
    const reader = await openAdvisoryDb(db);
    try {
      const result = await refreshSeries(store, reader);
      expect(result.tags.recomputed).toEqual([ref(PYTHON)]);
      expect(result.tags.kept).toEqual([ref(ALPINE)]);
      const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse('2024-03-27T00:00:00Z')) / 86_400_000 + 1;
      expect(result.days).toBe(2 * days); // both lenses, from 2024-03-27 on
      await expectEqualToReplay(reader);
      const then = await materialisedPoints(
        store,
        reader,
        ref(PYTHON),
        { from: '2024-05-01', to: '2024-05-01' },
        'then',
      );
      expect(then![0]!.ids).toContain('CVE-2024-0001');
    } finally {
      await reader.close();
    }
  }, 300_000);

  it('after a DB update that changes one record, recomputes only the tag it matches', async () => {
    // Alpine's v3.9 secdb no longer lists CVE-2019-1549 (openssl, which alpine:3.9.4 carries);
    // nothing the Wolfi python image carries changes
    const main = join(secdb, 'v3.9', 'main.yaml');
    const before = readFileSync(main, 'utf8');
    writeFileSync(main, before.replace(/^\s+- CVE-2019-1549\n/m, ''));
    expect(readFileSync(main, 'utf8')).not.toBe(before);
    const built = await buildAdvisoryDb({ sources, out: db, now: '2026-11-02T00:00:00.000Z' });
    expect(built.withdrawn).toBe(1);
    const reader = await openAdvisoryDb(db);
    try {
      // before the refresh the stored series no longer holds: callers compute live
      expect(await materialisedPoints(store, reader, ref(ALPINE), { from: today, to: today }, 'then')).toBe(
        undefined,
      );
      const result = await refreshSeries(store, reader);
      expect(result.tags.recomputed).toEqual([ref(ALPINE)]);
      expect(result.tags.kept).toEqual([ref(PYTHON)]);
      await expectEqualToReplay(reader);
      // under the "now" lens the withdrawn record is gone from every day of the Alpine tag
      const now = await materialisedPoints(
        store,
        reader,
        ref(ALPINE),
        { from: '2019-05-11', to: today },
        'now',
      );
      expect(now!.every((p) => !p.ids.includes('CVE-2019-1549'))).toBe(true);
    } finally {
      await reader.close();
    }
  }, 300_000);

  it('a new observation recomputes its tag from that day on', async () => {
    await track([fixture('images', 'alpine-3.10.2.docker.tar.gz')], {
      as: ALPINE,
      store: storePath,
      db,
      at: '2019-08-20T12:00:00.000Z',
    });
    expect((await readState(store, ref(ALPINE)))?.dirtyFrom).toBe('2019-08-20');
    const reader = await openAdvisoryDb(db);
    try {
      expect(await materialisedPoints(store, reader, ref(ALPINE), { from: today, to: today }, 'then')).toBe(
        undefined,
      );
      const result = await refreshSeries(store, reader);
      expect(result.tags.dirty).toEqual([ref(ALPINE)]);
      expect(result.tags.current).toEqual([ref(PYTHON)]);
      await expectEqualToReplay(reader);
      const days = await materialisedPoints(
        store,
        reader,
        ref(ALPINE),
        { from: '2019-08-19', to: '2019-08-20' },
        'then',
      );
      expect(days!.map((p) => [p.day, p.kind])).toEqual([
        ['2019-08-19', 'replayed'],
        ['2019-08-20', 'observed'],
      ]);
      expect(days![0]!.digest).not.toBe(days![1]!.digest);
    } finally {
      await reader.close();
    }
  }, 300_000);
});
