/**
 * One number per image and day: on the demo store, for every tag, every day of its data, both
 * lenses and every counting rule, `cleanroom history --format json` (the CLI as a user runs it),
 * `GET /api/images/…/history` (a real `serve`) and the report's JSON (`cleanroom report`) give the
 * same points; resolved and its money are the same through the CLI and the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDemo } from '../src/cli/demo-data.js';
import { startServer, tagPath, type Server } from './api-helpers.js';
import { cli } from './history-helpers.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-one-number-');
let store: string;
let db: string;
let server: Server;

// each rule as the CLI and the API spell it
const RULES: { cli: string[]; api: string }[] = [
  { cli: [], api: '' },
  { cli: ['--count-by', 'package'], api: 'countBy=package' },
  { cli: ['--include-negligible'], api: 'includeNegligible=true' },
  { cli: ['--ignore-states', 'wont-fix'], api: 'ignoreStates=wont-fix' },
  { cli: ['--only-fixed'], api: 'onlyFixed=true' },
  { cli: ['--cve-only'], api: 'cveOnly=true' },
];
const TAGS = [
  'cgr.dev/chainguard/python:latest',
  'debian/python:bookworm',
  'debian/python:bookworm-20230610',
  'alpine:3.9',
];

beforeAll(async () => {
  ({ store, db } = await prepareDemo(tmp.dir, () => {}));
  server = await startServer(['--store', store, '--db', db]);
}, 600_000);
afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  tmp.cleanup();
});

type Points = { day: string; total: number; ids: string[]; kind: string; lens: string }[];

// the tag's data: from its first observed day to its last
async function dataRange(tag: string): Promise<{ from: string; to: string }> {
  const r = await cli(
    'history',
    tag,
    '--from',
    '2015-01-01',
    '--to',
    '2026-12-01',
    '--store',
    store,
    '--format',
    'json',
  );
  const days = (JSON.parse(r.stdout).points as { day: string }[]).map((p) => p.day);
  return { from: days[0]!, to: days.at(-1)! };
}

describe('the demo store', () => {
  for (const tag of TAGS)
    it(`${tag}: history CLI = API = report, both lenses, every rule`, async () => {
      const range = await dataRange(tag);
      for (const lens of ['then', 'now'])
        for (const rule of RULES) {
          const args = ['--from', range.from, '--to', range.to, '--replay', '--lens', lens, ...rule.cli];
          const r = await cli('history', tag, ...args, '--store', store, '--db', db, '--format', 'json');
          expect(r.stderr, `${lens} ${rule.api}`).toBe('');
          const viaCli = JSON.parse(r.stdout) as { lens: string; points: Points };
          expect(viaCli.lens).toBe(lens);
          expect(viaCli.points.length).toBeGreaterThan(0);
          const q = `from=${range.from}&to=${range.to}&replay=true&lens=${lens}${rule.api ? `&${rule.api}` : ''}`;
          const api = (await (await fetch(`${server.url}${tagPath(tag)}/history?${q}`)).json()) as {
            points: Points;
          };
          expect(api.points, `${tag} ${lens} ${rule.api}`).toEqual(viaCli.points);
          // the report draws the same totals and kinds, day by day
          const rep = await cli(
            'report',
            tag,
            ...['--since', range.from, '--to', range.to, '--lens', lens, ...rule.cli],
            ...['--store', store, '--db', db, '--format', 'json'],
          );
          expect(rep.stderr).toBe('');
          const report = JSON.parse(rep.stdout) as {
            lens: string;
            series: { points: { day: string; total: number; kind: string }[] }[];
          };
          expect(report.lens).toBe(lens);
          expect(report.series[0]!.points.map((p) => [p.day, p.total, p.kind])).toEqual(
            viaCli.points.map((p) => [p.day, p.total, p.kind]),
          );
        }
    }, 600_000);

  it('resolved and its money: the CLI and the API give the same, under both lenses', async () => {
    const tag = 'cgr.dev/chainguard/python:latest';
    for (const lens of ['then', 'now']) {
      const r = await cli(
        'resolved',
        tag,
        '--from',
        '2024-01-01',
        '--to',
        '2024-12-31',
        '--lens',
        lens,
        '--store',
        store,
        '--db',
        db,
        '--format',
        'json',
      );
      const viaCli = JSON.parse(r.stdout) as { images: { total: number; resolutions: unknown[] }[] };
      const api = (await (
        await fetch(`${server.url}${tagPath(tag)}/resolved?from=2024-01-01&to=2024-12-31&lens=${lens}`)
      ).json()) as { images: { total: number; resolutions: unknown[] }[] };
      expect(api.images[0]!.resolutions).toEqual(viaCli.images[0]!.resolutions);
      const roi = (await (
        await fetch(`${server.url}${tagPath(tag)}/roi?from=2024-01-01&to=2024-12-31&lens=${lens}`)
      ).json()) as { roi: { cves: number; hours: number; money: number } };
      expect(roi.roi).toMatchObject({ cves: viaCli.images[0]!.total, hours: viaCli.images[0]!.total * 3 });
      expect(roi.roi.money).toBe(roi.roi.hours * 100);
    }
  }, 600_000);
});
