/**
 * The "after VEX" rule of `history` and `compare`: with Docker Hardened Images' real OpenVEX
 * document for python (fixtures/vex/dhi), the Debian 12 python image pinned at bookworm's release
 * counts, day by day, exactly what the replay with those statements counts. Each CVE of the
 * fixture counts from its publication (the regenerated Debian records), so in August 2025 the
 * image already carries CVE-2024-22365 and CVE-2025-6020 (PAM) and CVE-2025-6297 (dpkg), which
 * the document says are not_affected from 2024-01-18, 2025-06-17 and 2025-06-30: never counted
 * that month. CVE-2024-28757 (expat) and CVE-2025-4802 (glibc) stop counting on 2025-08-05, the
 * day of their statements (20:34Z and 20:35Z).
 * An observed point gets the statements as replay applies them. A VEX file that cannot be read
 * or parsed is one InputError naming it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAdvisoryDb } from '../src/advisory/db/index.js';
import { InputError } from '../src/errors.js';
import { countCompact, compactFinding } from '../src/history/compact.js';
import { compare } from '../src/history/compare.js';
import { history } from '../src/history/history.js';
import { replayDays } from '../src/history/replay.js';
import { openHistoryStore } from '../src/history/store/open.js';
import { digestFacts } from '../src/history/store/read.js';
import { track } from '../src/history/track.js';
import { DEFAULT_RULES } from '../src/match/counting.js';
import { parseVexFile } from '../src/match/vex/index.js';
import { fixture } from './fixtures.js';
import { cli } from './history-helpers.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-vex-history-');
const sbom = fixture('history', 'debian', 'python-bookworm-pinned-2023-06-10.cdx.json');
const vex = fixture('vex', 'dhi', 'python', 'dhi-python.vex.json');
const TAG = 'python:bookworm-pinned';
const range = { from: '2025-08-01', to: '2025-08-31' };
let db: string;
let store: string;

beforeAll(async () => {
  db = await buildDb(tmp.dir, [{ feed: 'osv', path: fixture('history', 'debian', 'osv') }]);
  store = join(tmp.dir, 'history.db');
  // the image as released, then one scan observed on 2025-08-20 (the same digest)
  await track([sbom], { as: TAG, store, db, now: new Date('2025-05-01T00:00:00Z') });
  const at = '2025-08-20T12:00:00.000Z';
  await track([sbom], { as: TAG, store, db, at, now: new Date(at) });
}, 300_000);
afterAll(tmp.cleanup);

/** What replay with the statements counts on each day (under the default rules). */
async function replayedWithVex(days: string[]) {
  const statements = await parseVexFile(vex);
  const s = await openHistoryStore(store, { existing: true });
  const reader = await openAdvisoryDb(db);
  try {
    const points = (await history(TAG, { ...range, store })).points;
    const { inventory } = await digestFacts(s, points[0]!.digest, true);
    const replayed = await replayDays(inventory!, reader, days, { vex: statements });
    return new Map(
      replayed.map((r) => {
        const { total, ids } = countCompact(r.findings.map(compactFinding), DEFAULT_RULES);
        return [r.day, { total, ids }];
      }),
    );
  } finally {
    await reader.close();
    await s.close();
  }
}

describe('history and compare after VEX', () => {
  it('history --vex equals the replay with the statements, day by day', async () => {
    const before = await history(TAG, { ...range, store, db, replay: true });
    const after = await history(TAG, { ...range, store, db, replay: true, vex: [vex] });
    expect(after.points).toHaveLength(31);
    expect(after.vexStatements).toBe(1004);
    const expected = await replayedWithVex(after.points.map((p) => p.day));
    const got = new Map(after.points.map((p) => [p.day, { total: p.total, ids: p.ids }]));
    expect(got).toEqual(expected);
    // the observed point of 2025-08-20 stays observed, with the statements known that day applied
    const observed = after.points.filter((p) => p.kind === 'observed');
    expect(observed.map((p) => p.day)).toEqual(['2025-08-20']);

    const day = (points: typeof after.points, d: string) => points.find((p) => p.day === d)!;
    const earlier = ['CVE-2024-22365', 'CVE-2025-6020', 'CVE-2025-6297'];
    const vexed = ['CVE-2024-22365', 'CVE-2024-28757', 'CVE-2025-4802', 'CVE-2025-6020', 'CVE-2025-6297'];
    const dropped = (d: string) =>
      day(before.points, d).ids.filter((id) => !day(after.points, d).ids.includes(id));
    expect(dropped('2025-08-01')).toEqual(earlier);
    expect(dropped('2025-08-04')).toEqual(earlier);
    // the expat and glibc statements' own timestamps, 2025-08-05T20:34Z and 20:35Z: counted until the day before
    expect(dropped('2025-08-05')).toEqual(vexed);
    expect(dropped('2025-08-10')).toEqual(vexed);
    expect(dropped('2025-08-20')).toEqual(vexed);
    expect(day(before.points, '2025-08-20').total - day(after.points, '2025-08-20').total).toBe(5);
    // observed alone: the same point, the same numbers (one computation under the lens)
    const onlyObserved = await history(TAG, { ...range, store, db, vex: [vex] });
    expect(onlyObserved.points).toEqual(observed);
  }, 300_000);

  it('compare --vex: the pinned and the tracked image both count after VEX', async () => {
    const refs = [`${TAG}@2023-06-10`, TAG];
    const after = await compare(refs, { ...range, store, db, replay: true, vex: [vex] });
    const expected = await replayedWithVex(after.images[0]!.points.map((p) => p.day));
    for (const image of after.images)
      expect(new Map(image.points.map((p) => [p.day, { total: p.total, ids: p.ids }]))).toEqual(expected);
    const before = await compare(refs, { ...range, store, db, replay: true });
    expect(before.images[0]!.latest!.total - after.images[0]!.latest!.total).toBe(5);
  }, 300_000);

  it('the CLI takes --vex on history and compare', async () => {
    const common = ['--from', range.from, '--to', range.to, '--replay', '--vex', vex];
    const h = await cli('history', TAG, ...common, '--store', store, '--db', db, '--format', 'json');
    expect(h.stderr).toBe('');
    const lib = await history(TAG, { ...range, store, db, replay: true, vex: [vex] });
    expect(JSON.parse(h.stdout).points).toEqual(JSON.parse(JSON.stringify(lib.points)));
    const c = await cli('compare', `${TAG}@2023-06-10`, TAG, ...common, '--store', store, '--db', db);
    expect(c.code).toBe(0);
    expect((await cli('history', '--help')).stdout).toContain('--vex');
  }, 300_000);

  it('a VEX file that cannot be read or parsed is one sentence naming it', async () => {
    const missing = join(tmp.dir, 'missing.vex.json');
    const bad = join(tmp.dir, 'bad.vex.json');
    writeFileSync(bad, '{"statements": [{"status": "maybe"}]}');
    for (const file of [missing, bad]) {
      const err = await history(TAG, { ...range, store, db, vex: [file] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toContain(file);
      const cmp = await compare([TAG, TAG], { ...range, store, db, vex: [file] }).catch((e: unknown) => e);
      expect(cmp).toBeInstanceOf(InputError);
      expect((cmp as Error).message).toContain(file);
      const r = await cli('history', TAG, '--vex', file, '--store', store, '--db', db);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(file);
    }
  }, 300_000);
});
