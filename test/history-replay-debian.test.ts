/**
 * The Debian 12 python image pinned at bookworm's release day, replayed over 2024 against the
 * OSV records of the CVEs Debian fixed (a lower bound of a real Debian count, by construction of
 * the fixture), equals the fixture's expectation day by day; so does the same day pinned through
 * `compare NAME:TAG@DATE` on the tag tracked from the daily SBOMs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { cli, differences, storeBackends } from './history-helpers.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-history-debian-');
const backends = storeBackends();
const pinned = fixture('history', 'debian', 'python-bookworm-pinned-2023-06-10.cdx.json');
const expected = JSON.parse(
  readFileSync(fixture('history', 'debian', 'expected-pinned-2024.json'), 'utf8'),
) as {
  pinned: { days: Record<string, { count: number; ids: string[] }> };
  rebuilt_daily: { days: Record<string, { count: number; ids: string[]; resolved: string[] }> };
};
const daily = readdirSync(fixture('history', 'debian', 'python-bookworm'))
  .filter((f) => f.endsWith('.cdx.json'))
  .map((f) => fixture('history', 'debian', 'python-bookworm', f));
let db: string;

beforeAll(async () => {
  db = await buildDb(tmp.dir, [{ feed: 'osv', path: fixture('history', 'debian', 'osv') }]);
}, 300_000);
afterAll(tmp.cleanup);

describe.each(backends)('Debian python pinned at 2023-06-10, over 2024 ($name)', (backend) => {
  let store: string;
  beforeAll(async () => {
    store = await backend.fresh(tmp.dir);
    const r = await cli(
      'track',
      pinned,
      '--as',
      'python:bookworm-pinned',
      '--db',
      db,
      '--store',
      store,
      '--format',
      'json',
    );
    expect(r.stderr).toBe('');
  }, 300_000);

  it('history --replay equals the expectation day by day', async () => {
    const args = [
      'history',
      'python:bookworm-pinned',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
      '--replay',
    ];
    const r = await cli(...args, '--db', db, '--store', store, '--format', 'json');
    expect(r.stderr).toBe('');
    const points = JSON.parse(r.stdout).points as { day: string; total: number; ids: string[] }[];
    expect(points).toHaveLength(366);
    expect(differences(points, expected.pinned.days)).toEqual([]);
    expect((await cli(...args, '--db', db, '--store', store, '--format', 'json')).stdout).toBe(r.stdout);
  }, 300_000);

  it('compare accumulates the CVEs the pinned image collects over the year', async () => {
    const r = await cli(
      'compare',
      'python:bookworm-pinned@2023-06-10',
      'python:bookworm-pinned',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
      '--replay',
      '--db',
      db,
      '--store',
      store,
      '--format',
      'json',
    );
    expect(r.stderr).toBe('');
    const [held] = JSON.parse(r.stdout).images as {
      points: { day: string; ids: string[]; cumulative: number }[];
    }[];
    // every CVE counted on any day of the range, the first day's included
    const all = new Set(Object.values(expected.pinned.days).flatMap((d) => d.ids));
    expect(held!.points[0]!.cumulative).toBe(expected.pinned.days['2024-01-01']!.count);
    expect(held!.points.at(-1)!.cumulative).toBe(all.size);
  }, 300_000);

  it('pinning the daily tag at release day replays like the pinned copy; the tag rebuilt daily equals rebuilt_daily', async () => {
    const tracked = await cli(
      'track',
      ...daily,
      '--as',
      'python:bookworm',
      '--db',
      db,
      '--store',
      store,
      '--format',
      'json',
    );
    expect(JSON.parse(tracked.stdout)).toMatchObject({ recorded: daily.length });
    const args = [
      'compare',
      'python:bookworm@2023-06-10',
      'python:bookworm',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
    ];
    const r = await cli(...args, '--replay', '--db', db, '--store', store, '--format', 'json');
    expect(r.stderr).toBe('');
    const [held, rebuilt] = JSON.parse(r.stdout).images as {
      points: { day: string; total: number; ids: string[] }[];
    }[];
    expect(differences(held!.points, expected.pinned.days)).toEqual([]);
    expect(differences(rebuilt!.points, expected.rebuilt_daily.days)).toEqual([]);
  }, 300_000);

  it('resolved by rebuild equals the ids each day\'s rebuild resolved (rebuilt_daily), under "then"', async () => {
    const r = await cli(
      'resolved',
      'python:bookworm',
      ...['--from', '2024-01-01', '--to', '2024-12-31', '--db', db, '--store', store, '--format', 'json'],
    );
    expect(r.stderr).toBe('');
    const [image] = JSON.parse(r.stdout).images as {
      total: number;
      resolutions: { day: string; vulnerability: string; how: string; counted: boolean }[];
    }[];
    const byDay = new Map<string, string[]>();
    for (const x of image!.resolutions.filter((x) => x.how === 'update' && x.counted))
      byDay.set(x.day, [...(byDay.get(x.day) ?? []), x.vulnerability].sort());
    const want = Object.entries(expected.rebuilt_daily.days).filter(([, d]) => d.resolved.length);
    expect([...byDay].sort()).toEqual(want.map(([day, d]) => [day, [...d.resolved].sort()]));
    expect(want.reduce((n, [, d]) => n + d.resolved.length, 0)).toBe(36);
    expect(image!.resolutions.filter((x) => x.how !== 'update')).toEqual([]);
  }, 300_000);

  it('under "now" a pinned image is the same every day: today\'s advisories against one digest', async () => {
    const r = await cli(
      'compare',
      'python:bookworm@2023-06-10',
      'python:bookworm',
      ...['--from', '2024-01-01', '--to', '2024-12-31', '--lens', 'now', '--replay'],
      ...['--db', db, '--store', store, '--format', 'json'],
    );
    expect(r.stderr).toBe('');
    const { lens, images } = JSON.parse(r.stdout) as {
      lens: string;
      images: { points: { total: number; ids: string[]; lens: string }[] }[];
    };
    expect(lens).toBe('now');
    const held = images[0]!.points;
    expect(held).toHaveLength(366);
    expect(new Set(held.map((p) => p.ids.join(' '))).size).toBe(1);
    // today the pinned image carries every CVE fixed after its release: more than on any day of 2024
    expect(held[0]!.total).toBeGreaterThanOrEqual(expected.pinned.days['2024-12-31']!.count);
    expect(held.every((p) => p.lens === 'now')).toBe(true);
  }, 300_000);
});
