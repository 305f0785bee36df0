/**
 * GET /api/cves/:id over `cleanroom demo`: the tags that carry or carried a vulnerability, and
 * every number of them, equal what the other routes answer for the same tag (the daily series,
 * the day's vulnerabilities, resolved), under both lenses; an alias leads to its CVE; the search
 * is capped and says so; an unknown id is a 404. And Resolved's list carries each resolution's
 * hours and money, which sum to the ROI route's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson } from './api-helpers.js';
import { startDemo, type Demo } from './console-helpers.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-api-cve-');
const WOLFI = { image: 'cgr.dev/chainguard/python', tag: 'latest' };
const PINNED = { image: 'debian/python', tag: 'bookworm-20230610' };
const CVE = 'CVE-2024-33601';
const tagPath = (t: { image: string; tag: string }) =>
  `/api/images/${encodeURIComponent(t.image)}/tags/${encodeURIComponent(t.tag)}`;
let demo: Demo;

beforeAll(async () => {
  demo = await startDemo(tmp.dir);
}, 300_000);
afterAll(async () => {
  if (demo) expect(await demo.stop()).toBe(0);
  tmp.cleanup();
});

const api = (path: string) => getJson(`${demo.url}${path}`);

interface Carrier {
  ref: string;
  image: string;
  tag: string;
  from: string;
  to: string;
  firstDay: string | null;
  lastDay: string | null;
  days: number;
  carries: boolean;
  findings: { package: string; version: string; fixedVersion: string | null; severity: string }[];
  resolutions: { day: string; vulnerability: string; package: string; how: string }[];
}

/** Checks one tag of the CVE page against the series, the day's list and resolved of that tag. */
async function matchesOtherRoutes(c: Carrier, lens: 'then' | 'now') {
  const l = lens === 'now' ? '&lens=now' : '';
  const h = (await api(`${tagPath(c)}/history?from=${c.from}&to=${c.to}&replay=true${l}`)).body;
  const counted = (h.points as { day: string; ids: string[] }[]).filter((p) => p.ids.includes(CVE));
  expect(c.firstDay).toBe(counted[0]?.day ?? null);
  expect(c.lastDay).toBe(counted.at(-1)?.day ?? null);
  expect(c.days).toBe(counted.length);
  expect(c.carries).toBe(h.points.at(-1).ids.includes(CVE));
  if (c.lastDay) {
    const v = (await api(`${tagPath(c)}/vulnerabilities?day=${c.lastDay}${l}`)).body;
    const rows = (v.vulnerabilities as { id: string; package: { name: string; version: string } }[])
      .filter((r) => r.id === CVE)
      .map((r) => `${r.package.name}@${r.package.version}`)
      .sort();
    expect(c.findings.map((f) => `${f.package}@${f.version}`).sort()).toEqual(rows);
    // since: the first day the series counted it, as the day's list says
    const first = (v.vulnerabilities as { id: string; firstSeen: string | null }[]).find((r) => r.id === CVE);
    expect(first?.firstSeen).toBe(c.firstDay);
  }
  const r = (await api(`${tagPath(c)}/resolved?from=${c.from}&to=${c.to}${l}`)).body;
  const mine = (r.images[0].resolutions as Carrier['resolutions'])
    .filter((x) => x.vulnerability === CVE)
    .map((x) => `${x.day} ${x.how} ${x.package}`);
  expect(c.resolutions.map((x) => `${x.day} ${x.how} ${x.package}`)).toEqual(mine);
}

describe('GET /api/cves/:id', () => {
  it('every tag carrying it, with the numbers the series, the day list and resolved give', async () => {
    const { status, body } = await api(`/api/cves/${CVE}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: CVE, lens: 'then', known: true });
    const refs = (body.tags as Carrier[]).map((t) => t.ref);
    expect(refs).toContain(`${WOLFI.image}:${WOLFI.tag}`);
    expect(refs).toContain(`${PINNED.image}:${PINNED.tag}`);
    const wolfi = (body.tags as Carrier[]).find((t) => t.image === WOLFI.image)!;
    // Wolfi counted it on 2024-05-14 and rebuilt it away the next day
    expect(wolfi).toMatchObject({ firstDay: '2024-05-14', lastDay: '2024-05-14', carries: false });
    expect(wolfi.resolutions.map((r) => `${r.day} ${r.how}`)).toContain('2024-05-15 update');
    // the never-rebuilt Debian image carries it from its publication to its last day
    const pinned = (body.tags as Carrier[]).find((t) => t.tag === PINNED.tag)!;
    expect(pinned).toMatchObject({ carries: true, lastDay: pinned.to });
    expect(pinned.findings.every((f) => f.fixedVersion === '2.36-9+deb12u7')).toBe(true);
    for (const c of body.tags as Carrier[]) await matchesOtherRoutes(c, 'then');
    // the advisories: fixes by distribution, severity with its source, links to trackers
    expect(body.affected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ecosystem: 'Wolfi', package: 'glibc', fixedVersion: '2.39-r5' }),
        expect.objectContaining({ ecosystem: 'Debian:12', package: 'glibc', fixedVersion: '2.36-9+deb12u7' }),
      ]),
    );
    expect(body.severity).toMatchObject({ level: 'high', cvss: { score: 7.5 } });
    expect(body.severity.source).toBeTruthy();
    const urls = (body.links as { url: string }[]).map((l) => l.url);
    expect(urls).toContain(`https://security-tracker.debian.org/tracker/${CVE}`);
    expect(urls).toContain(`https://nvd.nist.gov/vuln/detail/${CVE}`);
    // KEV and EPSS: what the day's list of a carrying tag says
    const v = (await api(`${tagPath(PINNED)}/vulnerabilities?day=${pinned.lastDay}`)).body;
    const row = v.vulnerabilities.find((r: { id: string }) => r.id === CVE);
    expect(body.epss).toBe(row.epss);
    expect(body.kev !== null).toBe(row.kev === true);
    expect(body.search).toMatchObject({ capped: false, packages: ['glibc'] });
  }, 120_000);

  it('as known now: the pinned image carries it on every day of its data', async () => {
    const { body } = await api(`/api/cves/${CVE}?lens=now`);
    expect(body.lens).toBe('now');
    const pinned = (body.tags as Carrier[]).find((t) => t.tag === PINNED.tag)!;
    expect(pinned).toMatchObject({ firstDay: pinned.from, lastDay: pinned.to, carries: true });
    for (const c of body.tags as Carrier[]) await matchesOtherRoutes(c, 'now');
  }, 120_000);

  it('an alias leads to its CVE; lower case is read as the CVE id', async () => {
    const alias = (await api('/api/cves/GHSA-f4cf-2w52-c853')).body;
    expect(alias.id).toBe(CVE);
    expect((await api(`/api/cves/${CVE.toLowerCase()}`)).body.id).toBe(CVE);
  });

  it('bounded: at most `limit` tags are read, and the answer says there were more', async () => {
    const { body } = await api(`/api/cves/${CVE}?limit=1`);
    expect(body.search.read).toBe(1);
    expect(body.search.candidates).toBeGreaterThan(1);
    expect(body.search.capped).toBe(true);
    expect(body.tags.length).toBeLessThanOrEqual(1);
    expect((await api(`/api/cves/${CVE}?limit=51`)).status).toBe(400);
  });

  it('an id nobody knows is a 404 naming it; a malformed one a 400', async () => {
    const { status, body } = await api('/api/cves/CVE-1999-99999');
    expect(status).toBe(404);
    expect(body.message).toContain('CVE-1999-99999');
    expect((await api('/api/cves/%3Cscript%3E')).status).toBe(400);
  });
});

describe("a pinned image's CVEs of a day (drill-down from compare's NAME:TAG@PIN)", () => {
  it('vulnerabilities?day&pin counts as the pinned point of compare', async () => {
    const DEBIAN = { image: 'debian/python', tag: 'bookworm' };
    const pinned = `${DEBIAN.image}:${DEBIAN.tag}@2023-12-24`;
    const cmp = (
      await api(
        `/api/compare?images=${encodeURIComponent(`${pinned},${WOLFI.image}:${WOLFI.tag}`)}&from=2024-05-01&to=2024-05-31&replay=true`,
      )
    ).body;
    for (const p of cmp.images[0].points.filter((_: unknown, i: number) => i % 10 === 0)) {
      const v = (await api(`${tagPath(DEBIAN)}/vulnerabilities?day=${p.day}&pin=2023-12-24`)).body;
      expect(v).toMatchObject({ day: p.day, digest: p.digest, total: p.total, bySeverity: p.bySeverity });
      expect(v.pinned.digest).toBe(cmp.images[0].pinned.digest);
    }
    expect((await api(`${tagPath(DEBIAN)}/vulnerabilities?pin=2023-12-24`)).status).toBe(400);
  }, 120_000);
});

describe('Resolved: each resolution with its hours and money', () => {
  it('withRoi=true: per resolution from the ROI function, summing to the ROI route', async () => {
    const q = 'from=2024-01-01&to=2024-12-30';
    const r = (await api(`${tagPath(WOLFI)}/resolved?${q}&withRoi=true`)).body;
    const roi = (await api(`${tagPath(WOLFI)}/roi?${q}`)).body;
    const img = r.images[0];
    expect(r.assumptions).toEqual(roi.assumptions);
    expect(img.roi).toEqual(roi.roi);
    const counted = (img.resolutions as { counted: boolean; hours: number; money: number }[]).filter(
      (x) => x.counted,
    );
    expect(counted.length).toBe(img.total);
    expect(counted.reduce((n, x) => n + x.hours, 0)).toBe(roi.roi.hours);
    expect(counted.reduce((n, x) => n + x.money, 0)).toBe(roi.roi.money);
    for (const x of img.resolutions as { counted: boolean; hours: number; money: number }[])
      if (!x.counted) expect([x.hours, x.money]).toEqual([0, 0]);
      else expect(x.money).toBe(x.hours * r.assumptions.hourlyRate);
    // without it, the answer is what `cleanroom resolved --format json` gives
    const plain = (await api(`${tagPath(WOLFI)}/resolved?${q}`)).body;
    expect(plain.assumptions).toBeUndefined();
    expect(plain.images[0].resolutions).toEqual(
      img.resolutions.map(({ hours: _h, money: _m, ...rest }: { hours: number; money: number }) => rest),
    );
    // assumptions given in the query apply to the list too
    const given = (
      await api(`${tagPath(WOLFI)}/resolved?${q}&withRoi=true&hoursPerCve=2&hourlyRate=150&currency=EUR`)
    ).body;
    expect(given.assumptions).toMatchObject({ hoursPerCve: 2, hourlyRate: 150, currency: 'EUR' });
    expect(given.images[0].roi.hours).toBe(img.total * 2);
    expect(given.images[0].roi.money).toBe(img.total * 2 * 150);
  }, 120_000);
});
