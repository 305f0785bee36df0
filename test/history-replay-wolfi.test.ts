/**
 * Replay on real timestamps: the Wolfi python image tracked from its dated SBOMs (one `track` of
 * the whole folder, as a shell glob gives it), replayed over 2024 against the Wolfi advisories,
 * equals the independent expectation of the fixtures day by day (count and ids).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { cli, differences, storeBackends } from './history-helpers.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-history-wolfi-');
const backends = storeBackends();
const folder = fixture('history', 'wolfi', 'python');
const sboms = readdirSync(folder)
  .filter((f) => f.endsWith('.cdx.json'))
  .sort()
  .map((f) => join(folder, f));
const expected = JSON.parse(
  readFileSync(fixture('history', 'wolfi', 'expected-python-2024.json'), 'utf8'),
) as {
  days: Record<string, { count: number; ids: string[] }>;
};
let db: string;

beforeAll(async () => {
  db = await buildDb(tmp.dir, [{ feed: 'wolfi-advisories', path: fixture('wolfi-advisories') }]);
}, 300_000);
afterAll(tmp.cleanup);

describe.each(backends)('Wolfi python over 2024 ($name)', (backend) => {
  let store: string;
  let first: string;
  beforeAll(async () => {
    store = await backend.fresh(tmp.dir);
    const r = await cli(
      'track',
      ...sboms,
      '--as',
      'cgr.dev/chainguard/python:latest',
      '--db',
      db,
      '--store',
      store,
      '--format',
      'json',
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ recorded: sboms.length, unchanged: 0 });
    const args = [
      'history',
      'cgr.dev/chainguard/python:latest',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
      '--replay',
    ];
    first = (await cli(...args, '--db', db, '--store', store, '--format', 'json')).stdout;
  }, 600_000);

  it('points each SBOM at its own day', async () => {
    const r = await cli(
      'history',
      'cgr.dev/chainguard/python:latest',
      '--from',
      '2023-06-01',
      '--to',
      '2025-05-01',
      '--store',
      store,
      '--format',
      'json',
    );
    const days = (JSON.parse(r.stdout).points as { day: string }[]).map((p) => p.day);
    expect(days).toEqual(sboms.map((f) => f.slice(-19, -9)));
  });

  it('replays every day of 2024 as the expectation says, count and ids', () => {
    const result = JSON.parse(first) as {
      points: { day: string; total: number; ids: string[]; kind: string }[];
    };
    expect(result.points).toHaveLength(366);
    // the days an SBOM stands for are marked observed (dots), the same computation as the others
    const sbomDays = new Set(sboms.map((f) => f.slice(-19, -9)).filter((d) => d.startsWith('2024')));
    expect(result.points.filter((p) => p.kind === 'observed').map((p) => p.day)).toEqual(
      [...sbomDays].sort(),
    );
    expect(differences(result.points, expected.days)).toEqual([]);
  });

  it('observed days equal replayed days under "then": every day with an SBOM in 2024', async () => {
    const r = await cli(
      'history',
      'cgr.dev/chainguard/python:latest',
      ...['--from', '2024-01-01', '--to', '2024-12-31', '--db', db, '--store', store, '--format', 'json'],
    );
    const observed = JSON.parse(r.stdout) as { lens: string; points: { day: string; kind: string }[] };
    const replayed = new Map(
      (JSON.parse(first).points as { day: string }[]).map((p) => [p.day, JSON.stringify(p)]),
    );
    expect(observed.lens).toBe('then');
    expect(observed.points.length).toBeGreaterThan(50);
    for (const p of observed.points) {
      expect(p.kind).toBe('observed');
      expect(JSON.stringify(p), p.day).toBe(replayed.get(p.day));
    }
  });

  it('gives byte-identical JSON for the same inputs', async () => {
    const args = [
      'history',
      'cgr.dev/chainguard/python:latest',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
      '--replay',
    ];
    expect((await cli(...args, '--db', db, '--store', store, '--format', 'json')).stdout).toBe(first);
  }, 300_000);
});
