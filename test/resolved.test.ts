/**
 * Resolved CVEs on real timestamps: the Wolfi python image's advisory events over 2024 against
 * expected-python-2024.json; a rebuild between the two Alpine images against two independent
 * scans; and the ROI arithmetic on both. On SQLite and on PostgreSQL.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdvisoryDb } from '../src/advisory/db/build.js';
import { openAdvisoryDb } from '../src/advisory/db/reader.js';
import { resolved } from '../src/history/resolved/resolved.js';
import { avoidedOf, roiOf } from '../src/history/resolved/roi.js';
import { roiReport } from '../src/history/resolved/roi-report.js';
import { inventoryOf, scanInventory } from '../src/scan.js';
import { fixture } from './fixtures.js';
import { cli, storeBackends } from './history-helpers.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-resolved-');
afterAll(tmp.cleanup);
const backends = storeBackends();

interface ExpectedEvent {
  id: string;
  advisory: string;
  event: string;
  day: string;
  time_to_fix_days: number | null;
}
const expected = JSON.parse(readFileSync(fixture('history/wolfi/expected-python-2024.json'), 'utf8')) as {
  resolved: Record<string, { ids: string[] }>;
  resolved_events: ExpectedEvent[];
};

let wolfiDb: string;
let alpineDb: string;
beforeAll(async () => {
  wolfiDb = join(tmp.dir, 'wolfi.db');
  await buildAdvisoryDb({
    sources: [{ feed: 'wolfi-advisories', path: fixture('wolfi-advisories') }],
    out: wolfiDb,
    now: '2025-06-01T00:00:00.000Z',
  });
  alpineDb = join(tmp.dir, 'alpine.db');
  await buildAdvisoryDb({
    sources: [{ feed: 'alpine-secdb', path: fixture('alpine-secdb') }],
    out: alpineDb,
    now: '2019-01-01T00:00:00.000Z',
  });
}, 120_000);

describe.each(backends)('resolved ($name)', (backend) => {
  it('by advisory, day by day over 2024, equals the Wolfi events of expected-python-2024.json', async () => {
    const store = await backend.fresh(tmp.dir);
    const dir = fixture('history/wolfi/python');
    const sboms = readdirSync(dir)
      .filter((f) => f.endsWith('.cdx.json'))
      .map((f) => join(dir, f));
    const tracked = await cli(
      'track',
      ...sboms,
      '--as',
      'cgr.dev/chainguard/python:latest',
      '--store',
      store,
      '--db',
      wolfiDb,
    );
    expect(tracked.code, tracked.stderr).toBe(0);
    const result = await resolved(['cgr.dev/chainguard/python:latest'], {
      from: '2024-01-01',
      to: '2024-12-31',
      store,
      db: wolfiDb,
    });
    const [image] = result.images;
    const list = image!.resolutions;
    // one episode, one count: no (vulnerability, package) resolved twice (nothing is reintroduced here)
    const pairs = list.map((r) => `${r.vulnerability} ${r.package}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    // every expected resolution on its day: as advisory, or as the rebuild that brought the fix that day
    for (const e of expected.resolved_events) {
      const r = list.find((x) => x.vulnerability === e.id && x.day === e.day && x.counted);
      expect(r, `${e.day} ${e.id}`).toBeDefined();
      expect(['advisory', 'update'], `${e.day} ${e.id}`).toContain(r!.how);
      if (e.time_to_fix_days === null) expect(r!.timeToFixDays, e.id).toBeUndefined();
      else expect(r!.timeToFixDays, e.id).toBeCloseTo(e.time_to_fix_days, 3);
    }
    // and nothing labelled advisory falls outside the feed's events
    const events = new Set(expected.resolved_events.map((e) => `${e.day} ${e.id}`));
    for (const r of list.filter((x) => x.how === 'advisory'))
      expect(events.has(`${r.day} ${r.vulnerability}`), `${r.day} ${r.vulnerability}`).toBe(true);
    // the headline counts each vulnerability once: exactly the 32 events of the year
    const counted = list.filter((r) => r.counted);
    expect(image!.total).toBe(expected.resolved_events.length);
    expect(new Set(counted.map((r) => r.vulnerability)).size).toBe(counted.length);
    expect(image!.daily).toHaveLength(366);
    expect(image!.daily.reduce((n, d) => n + d.total, 0)).toBe(image!.total);
    const ttf = expected.resolved_events.flatMap((e) =>
      e.time_to_fix_days === null ? [] : [e.time_to_fix_days],
    );
    expect(image!.timeToFix.all.count).toBe(ttf.length);
    const byAdvisory = list;

    // ROI: resolved × hours × rate, default and custom (per severity too)
    expect(roiOf(byAdvisory)).toMatchObject({ cves: 32, hours: 96, money: 9600 });
    const report = await roiReport(['cgr.dev/chainguard/python:latest'], {
      since: '2024-01-01',
      to: '2024-12-31',
      store,
      db: wolfiDb,
      now: new Date('2025-06-01T00:00:00Z'),
    });
    expect(report.total).toMatchObject({ resolved: 32, hours: 96, money: 9600 });
    const n = image!.total;
    expect(roiOf(image!.resolutions)).toMatchObject({ cves: n, hours: n * 3, money: n * 300 });
    const custom = roiOf(image!.resolutions, {
      hoursPerCve: 2,
      hoursBySeverity: { unknown: 5 },
      hourlyRate: 150,
      currency: 'EUR',
    });
    const unknown = image!.bySeverity.unknown;
    const hours = unknown * 5 + (n - unknown) * 2;
    expect(custom).toMatchObject({ cves: n, hours, money: hours * 150 });
  }, 180_000);

  it('by update: the rebuild from alpine 3.9.4 to 3.10.2 resolves the set difference of two scans', async () => {
    const store = await backend.fresh(tmp.dir);
    const images = ['alpine-3.9.4.docker.tar.gz', 'alpine-3.10.2.docker.tar.gz'].map((f) =>
      fixture('images', f),
    );
    const reader = await openAdvisoryDb(alpineDb);
    const scans: { created: string; ids: Set<string> }[] = [];
    for (const image of images) {
      const inventory = await inventoryOf(image);
      const r = await scanInventory(inventory, reader);
      scans.push({
        created: inventory.target.created!,
        ids: new Set(r.findings.map((f) => f.vulnerability)),
      });
    }
    await reader.close();
    for (const [i, image] of images.entries()) {
      const r = await cli(
        'track',
        image,
        '--as',
        'alpine:3',
        '--at',
        scans[i]!.created,
        '--store',
        store,
        '--db',
        alpineDb,
      );
      expect(r.code, r.stderr).toBe(0);
    }
    const gone = [...scans[0]!.ids].filter((id) => !scans[1]!.ids.has(id)).sort();
    expect(gone.length).toBeGreaterThan(0);
    const result = await resolved(['alpine:3'], {
      from: '2019-01-01',
      to: '2019-12-31',
      store,
      db: alpineDb,
    });
    const [image] = result.images;
    const byUpdate = image!.resolutions.filter((r) => r.how === 'update' && r.counted);
    expect(byUpdate.map((r) => r.vulnerability).sort()).toEqual(gone);
    expect(image!.total).toBe(gone.length);
    expect(new Set(byUpdate.map((r) => r.day))).toEqual(new Set([scans[1]!.created.slice(0, 10)]));

    // avoided: the difference of two accumulation curves, valued at the same rate
    expect(avoidedOf(3, 10)).toEqual({ cves: 7, hours: 21, money: 2100 });
  }, 180_000);
});
