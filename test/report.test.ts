/**
 * `cleanroom report`: the ROI report since a date on real data (the Wolfi python image against the
 * Debian python image pinned at release day), its numbers against the library's own parts, the
 * HTML read with a real parser, the PDF read back with pdftotext, and bad input.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdvisoryDb } from '../src/advisory/db/build.js';
import { compare } from '../src/history/compare.js';
import type { RoiReport } from '../src/history/resolved/roi-report.js';
import { resolved } from '../src/history/resolved/resolved.js';
import { track } from '../src/history/track.js';
import { fixture } from './fixtures.js';
import { cli } from './history-helpers.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-report-');
afterAll(tmp.cleanup);
const image = 'cgr.dev/chainguard/python:latest';
const alternative = 'debian/python:3.11-bookworm';
let db: string;
let store: string;
const range = ['--since', '2024-01-01', '--to', '2024-12-31'];
const common = () => ['--store', store, '--db', db];

beforeAll(async () => {
  db = join(tmp.dir, 'advisory.db');
  await buildAdvisoryDb({
    sources: [
      { feed: 'wolfi-advisories', path: fixture('wolfi-advisories') },
      { feed: 'osv', path: fixture('history/debian/osv') },
    ],
    out: db,
    now: '2025-06-01T00:00:00.000Z',
  });
  store = join(tmp.dir, 'history.db');
  const dir = fixture('history/wolfi/python');
  await track(
    readdirSync(dir).map((f) => join(dir, f)),
    { as: image, store, db },
  );
  await track([fixture('history/debian/python-bookworm-pinned-2023-06-10.cdx.json')], {
    as: alternative,
    store,
    db,
  });
}, 180_000);

type Node = {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  value?: string;
};
const walk = (n: Node, out: Node[] = []): Node[] => {
  out.push(n);
  for (const c of n.childNodes ?? []) walk(c, out);
  if ((n as { content?: Node }).content) walk((n as { content?: Node }).content!, out);
  return out;
};
const text = (n: Node): string =>
  n.nodeName === '#text' ? (n.value ?? '') : (n.childNodes ?? []).map(text).join('');
const attr = (n: Node, name: string) => n.attrs?.find((a) => a.name === name)?.value;

describe('cleanroom report', () => {
  it('JSON: resolved × hours × rate, and avoided = the difference of the two accumulation curves', async () => {
    const r = await cli(
      'report',
      image,
      ...range,
      '--alternative',
      alternative,
      ...common(),
      '--format',
      'json',
    );
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as RoiReport;
    const own = await resolved([image], { from: '2024-01-01', to: '2024-12-31', store, db });
    expect(report.total.resolved).toBe(own.images[0]!.total);
    expect(report.total.hours).toBe(own.images[0]!.total * 3);
    expect(report.total.money).toBe(own.images[0]!.total * 300);
    const curves = await compare([image, alternative], {
      from: '2024-01-01',
      to: '2024-12-31',
      replay: true,
      store,
      db,
    });
    const end = (i: number) => curves.images[i]!.points.at(-1)!.cumulative;
    expect(report.images[0]!.avoided[0]).toMatchObject({
      cves: end(1) - end(0),
      hours: (end(1) - end(0)) * 3,
    });
    expect(end(1)).toBeGreaterThan(end(0));

    const custom = await cli(
      'report',
      image,
      ...range,
      ...common(),
      '--format',
      'json',
      '--hours-per-cve',
      '2',
      '--hours-per-cve',
      'unknown=5',
      '--hourly-rate',
      '150',
      '--currency',
      'EUR',
    );
    const c = JSON.parse(custom.stdout) as RoiReport;
    expect(c.total.hours).toBe(
      c.total.bySeverity.unknown * 5 + (c.total.resolved - c.total.bySeverity.unknown) * 2,
    );
    expect(c.total.money).toBe(c.total.hours * 150);
    expect(c.assumptions).toMatchObject({ hoursPerCve: 2, hourlyRate: 150, currency: 'EUR' });
  }, 120_000);

  it('HTML: one self-contained file, one <svg> per chart, each with its series', async () => {
    const out = join(tmp.dir, 'roi.html');
    const r = await cli(
      'report',
      image,
      ...range,
      '--alternative',
      alternative,
      ...common(),
      '--output',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    const nodes = walk(parse(html) as unknown as Node);
    expect(nodes.some((n) => n.nodeName === 'script')).toBe(false);
    expect(nodes.filter((n) => ['link', 'img'].includes(n.nodeName))).toEqual([]);
    const figures = nodes.filter((n) => n.nodeName === 'figure');
    expect(figures.map((f) => attr(f, 'id'))).toEqual(['chart-resolved', 'chart-totals', 'chart-cumulative']);
    for (const f of figures) expect(walk(f).filter((n) => n.nodeName === 'svg')).toHaveLength(1);
    const legend = (id: string) => text(figures.find((f) => attr(f, 'id') === id)!);
    for (const s of ['critical', 'high', 'medium', 'low', 'unknown'])
      expect(legend('chart-resolved')).toContain(s);
    for (const id of ['chart-totals', 'chart-cumulative']) {
      expect(legend(id)).toContain(image);
      expect(legend(id)).toContain(`${alternative} (alternative)`);
    }
    expect(text(nodes.find((n) => n.nodeName === 'body')!)).toContain('How these numbers are counted');
  }, 120_000);

  it.skipIf(!existsSync('/usr/bin/chromium'))(
    'PDF: four pages (summary, charts, latest resolutions, how counted) holding the totals',
    async () => {
      const out = join(tmp.dir, 'roi.pdf');
      const r = await cli(
        'report',
        image,
        ...range,
        '--alternative',
        alternative,
        ...common(),
        '--format',
        'pdf',
        '--output',
        out,
      );
      expect(r.code, r.stderr).toBe(0);
      const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
      expect(info).toMatch(/Pages:\s+4\n/);
      const pdfText = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
      const json = JSON.parse(
        (await cli('report', image, ...range, '--alternative', alternative, ...common(), '--format', 'json'))
          .stdout,
      ) as RoiReport;
      expect(pdfText).toContain('Resolved CVEs');
      expect(pdfText).toContain(json.total.money.toLocaleString('en-US') + ' USD');
      expect(pdfText).toContain(String(json.total.resolved));
      expect(pdfText).toContain('How these numbers are counted');
    },
    120_000,
  );

  it('refuses bad input in one sentence, exit 2, no file written', async () => {
    const out = join(tmp.dir, 'never.html');
    const cases: [string[], RegExp][] = [
      [[image, '--since', '2999-01-01'], /--since 2999-01-01 is in the future/],
      [[image, '--since', 'last spring'], /--since: "last spring" is not a date/],
      [['nobody/none:latest', '--since', '2024-01-01'], /unknown image nobody\/none/],
      [
        [image, '--since', '2024-01-01', '--hourly-rate', '-5'],
        /--hourly-rate: -5 is not a number of zero or more/,
      ],
      [[image, '--since', '2024-01-01', '--hours-per-cve', 'urgent=4'], /"urgent" is not a severity/],
    ];
    for (const [args, message] of cases) {
      const r = await cli('report', ...args, ...common(), '--output', out);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
  }, 60_000);
});
