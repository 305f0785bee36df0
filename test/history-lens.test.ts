/**
 * The smaller rules of "one number per image and day", each through the CLI as a user runs it: a
 * point tracked out of order and a rollback within one day give the digest the tag really pointed
 * to; a future or unparseable SBOM timestamp is refused naming the file, the store unchanged; a
 * day whose records carry no date is a lower bound, never a silent zero; `--lens` is checked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { cli, storeSnapshot } from './history-helpers.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-history-lens-');
afterAll(tmp.cleanup);
const sbom = (day: string) => fixture('history', 'wolfi', 'python', `${day}.cdx.json`);
const A = sbom('2024-05-13');
const B = sbom('2024-05-16');
let wolfiDb: string;
let alpineDb: string;

beforeAll(async () => {
  wolfiDb = await buildDb(tmp.dir, [{ feed: 'wolfi-advisories', path: fixture('wolfi-advisories') }], 'w.db');
  alpineDb = await buildDb(tmp.dir, [{ feed: 'alpine-secdb', path: fixture('alpine-secdb') }], 'a.db');
}, 300_000);

async function track(store: string, file: string, at: string) {
  const r = await cli('track', file, '--as', 'py:latest', '--at', at, '--store', store, '--db', wolfiDb);
  expect(r.stderr).toBe('');
}

async function digests(store: string, from: string, to: string): Promise<Map<string, string>> {
  const r = await cli(
    'history',
    'py:latest',
    ...['--from', from, '--to', to, '--replay', '--store', store, '--db', wolfiDb, '--format', 'json'],
  );
  expect(r.stderr).toBe('');
  return new Map(
    (JSON.parse(r.stdout).points as { day: string; digest: string }[]).map((p) => [p.day, p.digest]),
  );
}

describe('where the tag pointed', () => {
  it('tracked out of order: each day shows the digest the tag pointed to then', async () => {
    const store = join(tmp.dir, 'order.db');
    await track(store, A, '2024-05-14');
    await track(store, A, '2024-05-20');
    await track(store, B, '2024-05-17');
    const days = await digests(store, '2024-05-14', '2024-05-21');
    const [a, b] = [days.get('2024-05-14')!, days.get('2024-05-17')!];
    expect(a).not.toBe(b);
    expect(days.get('2024-05-16')).toBe(a);
    expect(days.get('2024-05-19')).toBe(b);
    expect(days.get('2024-05-20')).toBe(a);
    expect(days.get('2024-05-21')).toBe(a);
  }, 120_000);

  it('a rollback within one day (A, B, A) ends the day on A', async () => {
    const store = join(tmp.dir, 'rollback.db');
    await track(store, A, '2024-05-14T01:00:00Z');
    await track(store, B, '2024-05-14T05:00:00Z');
    await track(store, A, '2024-05-14T10:00:00Z');
    const days = await digests(store, '2024-05-14', '2024-05-15');
    const first = await digests(join(tmp.dir, 'order.db'), '2024-05-14', '2024-05-14');
    expect(days.get('2024-05-14')).toBe(first.get('2024-05-14'));
    expect(days.get('2024-05-15')).toBe(first.get('2024-05-14'));
  }, 120_000);
});

describe('SBOM timestamps', () => {
  for (const [what, stamp] of [
    ['in the future', '2099-01-01T00:00:00Z'],
    ['not a time', '15.05.2024'],
    ['before 1970', '0000-01-01T00:00:00Z'],
  ] as const)
    it(`refuses one ${what}, naming the file, and leaves the store as it was`, async () => {
      const store = join(tmp.dir, `stamp-${what.replace(/\W/g, '')}.db`);
      await track(store, A, '2024-05-14');
      const before = await storeSnapshot(store);
      const doc = JSON.parse(readFileSync(B, 'utf8')) as { metadata: { timestamp: string } };
      doc.metadata.timestamp = stamp;
      const file = join(tmp.dir, `stamp-${what.replace(/\W/g, '')}.cdx.json`);
      writeFileSync(file, JSON.stringify(doc));
      const r = await cli('track', file, '--as', 'py:latest', '--store', store, '--db', wolfiDb);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(file);
      expect(await storeSnapshot(store)).toBe(before);
    }, 120_000);
});

describe('coverage', () => {
  it('an Alpine 3.9 image in 2019 against records first seen in 2026 is a lower bound, not a silent 0', async () => {
    const store = join(tmp.dir, 'alpine.db');
    const image = fixture('images', 'alpine-3.9.4.docker.tar.gz');
    const t = await cli(
      'track',
      image,
      '--as',
      'alpine:3.9',
      '--at',
      '2019-05-11',
      '--store',
      store,
      '--db',
      alpineDb,
    );
    expect(t.stderr).toBe('');
    const ask = async (lens: string) => {
      const r = await cli(
        'history',
        'alpine:3.9',
        ...['--from', '2019-05-11', '--to', '2019-05-11', '--lens', lens, '--store', store, '--db', alpineDb],
        ...['--format', 'json'],
      );
      expect(r.stderr).toBe('');
      return (
        JSON.parse(r.stdout) as {
          points: {
            total: number;
            kind: string;
            coverage: { lowerBound: boolean; dated: number; records: number };
          }[];
        }
      ).points[0]!;
    };
    const then = await ask('then');
    expect(then.kind).toBe('observed');
    expect(then.total).toBe(0);
    expect(then.coverage.lowerBound).toBe(true);
    expect(then.coverage.dated).toBe(0);
    const now = await ask('now');
    expect(now.total).toBeGreaterThan(0);
    expect(now.coverage.lowerBound).toBe(false);
    const table = await cli(
      'history',
      'alpine:3.9',
      '--from',
      '2019-05-11',
      '--to',
      '2019-05-11',
      '--store',
      store,
      '--db',
      alpineDb,
    );
    expect(table.stdout).toMatch(/lower bound/i);
  }, 120_000);

  it('a lens other than then or now is one sentence and exit 2', async () => {
    const r = await cli(
      'history',
      'alpine:3.9',
      '--lens',
      'yesterday',
      '--store',
      join(tmp.dir, 'alpine.db'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--lens/);
  });
});
