/**
 * The two Alpine images of the fixtures tracked as two digests of one tag at their config
 * `created` dates, against a DB built from alpine-secdb. Expectations come from independent
 * scans (scanInventory on each image), never from the history code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAdvisoryDb } from '../src/advisory/db/reader.js';
import type { AdvisoryDbReader } from '../src/advisory/db/types.js';
import { inventoryOf, scanInventory } from '../src/scan.js';
import { fixture } from './fixtures.js';
import { cli, storeBackends } from './history-helpers.js';
import { tempDir } from './scan-helpers.js';
import { buildAdvisoryDb } from '../src/advisory/db/build.js';
import { join } from 'node:path';

const tmp = tempDir('cleanroom-history-alpine-');
const backends = storeBackends();
const images = ['alpine-3.9.4.docker.tar.gz', 'alpine-3.10.2.docker.tar.gz'].map((f) => fixture('images', f));
let db: string;
let reader: AdvisoryDbReader;
const expected: { created: string; day: string; total: number; ids: string[] }[] = [];

beforeAll(async () => {
  db = join(tmp.dir, 'advisory.db');
  // the DB first saw alpine-secdb's undated records before the images existed, so every day of
  // 2019 knows them and a replay equals a scan of today
  await buildAdvisoryDb({
    sources: [{ feed: 'alpine-secdb', path: fixture('alpine-secdb') }],
    out: db,
    now: '2019-01-01T00:00:00.000Z',
  });
  reader = await openAdvisoryDb(db);
  for (const image of images) {
    const inventory = await inventoryOf(image);
    const result = await scanInventory(inventory, reader);
    const ids = [...new Set(result.findings.map((f) => f.vulnerability))].sort();
    expected.push({
      created: inventory.target.created!,
      day: inventory.target.created!.slice(0, 10),
      total: result.summary.total,
      ids,
    });
  }
}, 120_000);
afterAll(async () => {
  await reader?.close();
  tmp.cleanup();
});

describe.each(backends)('two Alpine digests of one tag ($name)', (backend) => {
  let store: string;
  beforeAll(async () => {
    store = await backend.fresh(tmp.dir);
    for (const [i, image] of images.entries()) {
      const r = await cli(
        'track',
        image,
        '--as',
        'alpine:3',
        '--at',
        expected[i]!.created,
        '--db',
        db,
        '--store',
        store,
        '--format',
        'json',
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
  }, 120_000);

  it('the independent scans differ, so the test can tell the digests apart', () => {
    expect(expected[0]!.ids).not.toEqual(expected[1]!.ids);
    expect(expected[0]!.total).toBeGreaterThan(0);
  });

  it('history shows each observed digest on its own date, and nothing on other days', async () => {
    const r = await cli(
      'history',
      'alpine:3',
      '--from',
      '2019-05-01',
      '--to',
      '2019-09-30',
      '--store',
      store,
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const points = JSON.parse(r.stdout).points as {
      day: string;
      kind: string;
      total: number;
      ids: string[];
    }[];
    expect(points.map((p) => [p.day, p.kind, p.total, p.ids])).toEqual(
      expected.map((e) => [e.day, 'observed', e.total, e.ids]),
    );
  });

  it('history --replay shows each digest from its date on, a gap before the first', async () => {
    const r = await cli(
      'history',
      'alpine:3',
      '--from',
      '2019-05-01',
      '--to',
      '2019-09-30',
      '--replay',
      '--db',
      db,
      '--store',
      store,
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const points = JSON.parse(r.stdout).points as {
      day: string;
      kind: string;
      total: number;
      ids: string[];
    }[];
    expect(points[0]!.day).toBe(expected[0]!.day);
    expect(points).toHaveLength(143); // 2019-05-11 … 2019-09-30
    for (const p of points) {
      const e = p.day < expected[1]!.day ? expected[0]! : expected[1]!;
      expect([p.day, p.total, p.ids]).toEqual([p.day, e.total, e.ids]);
      // the two tracked days are marked observed: the same computation as the days around them
      expect([p.day, p.kind]).toEqual([
        p.day,
        expected.some((x) => x.day === p.day) ? 'observed' : 'replayed',
      ]);
    }
  });

  it('compare of the two pinned digests shows the counts of two independent scans', async () => {
    const r = await cli(
      'compare',
      `alpine:3@${expected[0]!.day}`,
      `alpine:3@${expected[1]!.day}`,
      '--from',
      '2019-09-01',
      '--to',
      '2019-09-30',
      '--db',
      db,
      '--store',
      store,
      '--format',
      'json',
    );
    expect(r.stderr).toBe('');
    const images = JSON.parse(r.stdout).images as {
      latest: { total: number };
      dailyAverage: number;
      points: { ids: string[]; cumulative: number }[];
    }[];
    expect(images.map((i) => i.latest.total)).toEqual(expected.map((e) => e.total));
    expect(images.map((i) => i.dailyAverage)).toEqual(expected.map((e) => e.total));
    expect(images.map((i) => i.points.at(-1)!.ids)).toEqual(expected.map((e) => e.ids));
    // nothing new appears in a month against a DB that knew everything from the start: the
    // cumulative is what the first day carried (docs/counting.md)
    expect(images.map((i) => i.points.at(-1)!.cumulative)).toEqual(expected.map((e) => e.ids.length));
    expect(images.map((i) => i.points[0]!.cumulative)).toEqual(expected.map((e) => e.ids.length));
  });

  it('tracking the same image on the same day again records nothing new', async () => {
    const r = await cli(
      'track',
      images[0]!,
      '--as',
      'alpine:3',
      '--at',
      expected[0]!.created,
      '--db',
      db,
      '--store',
      store,
      '--format',
      'json',
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ recorded: 0, unchanged: 1 });
  });

  it('prints a table with a sparkline and CSV rows', async () => {
    const table = await cli(
      'compare',
      'alpine:3',
      `alpine:3@${expected[0]!.day}`,
      '--from',
      '2019-08-01',
      '--to',
      '2019-08-31',
      '--db',
      db,
      '--store',
      store,
    );
    expect(table.stdout).toMatch(/alpine:3@2019-05-11\s+4\s+4\.00/);
    expect(table.stdout).toMatch(/[▁▂▃▄▅▆▇█]/);
    expect(table.stdout).not.toContain(String.fromCharCode(27));
    const csv = await cli(
      'history',
      'alpine:3',
      '--from',
      '2019-05-01',
      '--to',
      '2019-09-30',
      '--store',
      store,
      '--format',
      'csv',
    );
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'image,tag,day,kind,digest,critical,high,medium,low,negligible,unknown,total,fixed,not_fixed,wont_fix,scanner,scanner_version,db_built_at',
    );
    expect(csv.stdout.split('\r\n')).toHaveLength(4);
  });
});
