/**
 * The console in Debian's chromium over `cleanroom demo`: every view draws what the API returns
 * (series, bars, the numbers on the cards), a counting rule switched in place shows the API's
 * numbers for that rule, filters, sorting and keyboard navigation work, axe-core finds no serious
 * or critical violation in the light or the dark scheme, and each view's screenshot is saved for
 * the README (docs/screenshots/), with a dark one and a phone one.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson } from './api-helpers.js';
import {
  axeViolations,
  cardNumber,
  chartOf,
  drawnOn,
  hasChromium,
  launch,
  startDemo,
  type Demo,
} from './console-helpers.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-console-');
const SHOTS = resolve(import.meta.dirname, '../docs/screenshots');
const WOLFI = 'cgr.dev/chainguard/python:latest';
const DEBIAN = 'debian/python:bookworm';
const PINNED = 'debian/python:bookworm-20230610';
const WOLFI_PAGE = `/image/${encodeURIComponent('cgr.dev/chainguard/python')}/latest`;
const WOLFI_API = `/api/images/${encodeURIComponent('cgr.dev/chainguard/python')}/tags/latest`;
let demo: Demo;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!hasChromium) return;
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemo(tmp.dir);
  browser = await launch();
  page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
    acceptDownloads: true,
  });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  if (demo) expect(await demo.stop()).toBe(0);
  tmp.cleanup();
});

const shot = (name: string, p: Page = page) => p.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
const api = async (path: string) => (await getJson(`${demo.url}${path}`)).body;
interface TagRow {
  ref: string;
  tag: string;
  latest: {
    day: string;
    total: number;
    digest: string;
    bySeverity: Record<string, number>;
    fixable: Record<string, number>;
    coverage?: { lowerBound: boolean } | null;
  };
  recent: unknown[];
}
interface Finding {
  id: string;
  fixState: string;
  package: { name: string; version: string };
}
const tagsOf = (list: { images: { name: string; tags: TagRow[] }[] }): TagRow[] =>
  list.images.flatMap((i) => i.tags.map((t) => ({ ...t, ref: `${i.name}:${t.tag}` })));
const rows = (p: Page, testId: string) => p.locator(`[data-testid="${testId}"] tbody tr`);

describe.skipIf(!hasChromium)('console over cleanroom demo', () => {
  it('Directory: the last point of each daily series, 30 days of it, filters', async () => {
    const list = await api('/api/images?limit=500&recent=30');
    await page.goto(`${demo.url}/`);
    await rows(page, 'directory').first().waitFor();
    const tags = tagsOf(list);
    for (const t of tags) {
      const row = page.locator(`tr[data-ref="${t.ref}"]`);
      // a lower bound (undated records first seen later) says so: never a bare 0
      const total = await row.locator('[data-total]').innerText();
      expect(total).toBe(`${t.latest.coverage?.lowerBound ? '≥' : ''}${t.latest.total}`);
      for (const [s, n] of Object.entries(t.latest.bySeverity))
        if (s !== 'negligible')
          expect(Number(await row.locator(`[data-severity="${s}"]`).innerText())).toBe(n);
      expect(await row.locator('[data-day]').getAttribute('data-day')).toBe(t.latest.day);
      expect(await row.locator('svg.spark').getAttribute('data-points')).toBe(String(t.recent.length));
    }
    // the Debian tag ends on 2024-12-31: the same count Compare draws for that day
    const cmp = await api(
      `/api/compare?images=${encodeURIComponent(`${DEBIAN},${WOLFI}`)}&from=2024-12-31&to=2024-12-31&replay=true`,
    );
    expect(Number(await page.locator(`tr[data-ref="${DEBIAN}"] [data-total]`).innerText())).toBe(
      cmp.images[0].latest.total,
    );
    // filters: registry, distribution, fixable critical (on the server: the rows follow its answer)
    await page.getByTestId('dir-registry').selectOption('cgr.dev');
    await expect.poll(() => rows(page, 'directory').count()).toBe(1);
    await page.getByTestId('dir-registry').selectOption('');
    await page.getByTestId('dir-distro').selectOption('debian 12');
    await expect
      .poll(() => page.locator('tr[data-ref]').evaluateAll((r) => r.map((e) => e.dataset.ref)))
      .toEqual([DEBIAN, PINNED]);
    await page.getByTestId('dir-distro').selectOption('');
    await page.getByTestId('dir-fixable').check();
    const fixable = tags.filter((t) => t.latest.fixable.critical! > 0).length;
    // the release-day Debian tag, never rebuilt, has a fixable critical by the end of 2024
    expect(fixable).toBeGreaterThan(0);
    await expect.poll(() => page.locator('tr[data-ref]').count()).toBe(fixable);
    expect(await page.locator(`tr[data-ref="${PINNED}"]`).count()).toBe(1);
    await page.getByTestId('dir-fixable').uncheck();
    await page.getByTestId('dir-search').fill('python');
    await expect.poll(() => rows(page, 'directory').count()).toBe(3);
    expect(await page.getByTestId('dir-count').innerText()).toBe(`3 of ${tags.length} tags`);
    await page.getByTestId('dir-search').fill('');
    await expect.poll(() => rows(page, 'directory').count()).toBe(tags.length);
    expect(await axeViolations(page)).toEqual([]);
    await shot('directory');
  }, 120_000);

  it('image page: overview, vulnerabilities (filter, sort, search), packages, history, comparison', async () => {
    const list = await api('/api/images?limit=500');
    const me = tagsOf(list).find((t) => t.ref === WOLFI)!;
    await page.goto(`${demo.url}${WOLFI_PAGE}`);
    await page.getByTestId('overview-total').waitFor();
    expect(await cardNumber(page, 'main', 'overview-total')).toBe(me.latest.total);
    expect(await page.getByTestId('overview-digest').innerText()).toBe(me.latest.digest);
    // the tabs by keyboard: focus the selected one, then the arrow keys
    await page.getByRole('tab', { name: 'Overview' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.url()).toContain('tab=vulnerabilities');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Vulnerabilities');
    // a day the replayed series counted five
    const day = '2024-05-14';
    const v = await api(`${WOLFI_API}/vulnerabilities?day=${day}`);
    expect(v.vulnerabilities.length).toBeGreaterThan(1);
    await page.getByTestId('vulns-day').fill(day);
    await expect.poll(() => rows(page, 'vulns').count()).toBe(v.vulnerabilities.length);
    const first = v.vulnerabilities[0];
    const link = page.locator(`[data-testid="vulns"] tr[data-id="${first.id}"] a`).first();
    // its page: the tags that carry it, its fixes and links to its advisories (console-drilldown.test.ts)
    expect(await link.getAttribute('href')).toBe(`/cve/${first.id}`);
    // sort by id, both ways
    const ids = () =>
      page.locator('[data-testid="vulns"] tbody tr').evaluateAll((r) => r.map((e) => e.dataset.id!));
    const sorted = v.vulnerabilities.map((f: { id: string }) => f.id).sort();
    await page.locator('[data-sort="id"]').click();
    expect(await ids()).toEqual(sorted);
    await page.locator('[data-sort="id"]').click();
    expect(await ids()).toEqual([...sorted].reverse());
    // search and filter
    await page.getByTestId('vulns-search').fill(first.package.name);
    const byName = v.vulnerabilities.filter((f: Finding) =>
      `${f.id} ${f.package.name} ${f.package.version}`
        .toLowerCase()
        .includes(first.package.name.toLowerCase()),
    );
    expect(await rows(page, 'vulns').count()).toBe(byName.length);
    await page.getByTestId('vulns-search').fill('');
    const state = v.vulnerabilities[0].fixState;
    await page.getByTestId('vulns-fixstate').selectOption(state);
    expect(await rows(page, 'vulns').count()).toBe(
      v.vulnerabilities.filter((f: { fixState: string }) => f.fixState === state).length,
    );
    // the day, the filter and the sort are in the URL: opened in a fresh page, the same list
    const shared = new URL(page.url());
    expect(Object.fromEntries(shared.searchParams)).toEqual({
      tab: 'vulnerabilities',
      day,
      sort: 'id',
      order: 'desc',
      fixState: state,
    });
    const again = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await again.goto(shared.toString());
      await rows(again, 'vulns').first().waitFor();
      expect(await again.getByTestId('vulns-fixstate').inputValue()).toBe(state);
      expect(
        await again.locator('[data-testid="vulns"] tbody tr').evaluateAll((r) => r.map((e) => e.dataset.id!)),
      ).toEqual(await ids());
    } finally {
      await again.close();
    }
    await page.getByTestId('vulns-fixstate').selectOption('');
    await page.locator('[data-sort="severity"]').click();
    expect(await axeViolations(page)).toEqual([]);
    await shot('image');

    await page.getByRole('tab', { name: 'Packages' }).click();
    const pkgs = await api(`${WOLFI_API}/packages`);
    await expect.poll(() => rows(page, 'packages').count()).toBe(pkgs.packages.length);
    for (const f of ['cyclonedx', 'spdx']) {
      const href = await page.getByTestId(`sbom-${f}`).getAttribute('href');
      const res = await fetch(`${demo.url}${href}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
    }

    await page.getByRole('tab', { name: 'History' }).click();
    const history = await chartOf(page, 'history');
    expect(history.series).toBe(5);

    await page.getByRole('tab', { name: 'Comparison' }).click();
    const pinAt = await page.getByTestId('pin-at').inputValue();
    const q = `images=${encodeURIComponent(`${WOLFI},${WOLFI}@${pinAt}`)}&from=${pinAt}&to=${me.latest.day}`;
    const c = await api(`/api/compare?${q}&replay=true`);
    for (const [i, img] of c.images.entries()) {
      expect((await chartOf(page, `bars-${i}`)).bars).toBe(img.points.length * 5);
      expect(await cardNumber(page, `[data-testid="image-${i}"]`, 'latest')).toBe(img.latest.total);
    }
    expect(await axeViolations(page)).toEqual([]);
  }, 120_000);

  it('Compare: Wolfi python and Debian python, pinned at 2024-01-01 and as rebuilt, over 2024; a rule switch; PNG export', async () => {
    const images = `${WOLFI}@2024-01-01,${DEBIAN}@2024-01-01,${WOLFI},${DEBIAN}`;
    const q = `images=${encodeURIComponent(images)}&from=2024-01-01&to=2024-12-31`;
    await page.goto(`${demo.url}/compare?${q}`);
    const cmp = await api(`/api/compare?${q}&replay=true`);
    for (const [i, img] of cmp.images.entries()) {
      const bars = await chartOf(page, `bars-${i}`);
      expect(bars.series).toBe(5);
      expect(bars.bars).toBe(img.points.length * 5);
      expect(await cardNumber(page, `[data-testid="image-${i}"]`, 'latest')).toBe(img.latest.total);
      expect(await cardNumber(page, `[data-testid="image-${i}"]`, 'average')).toBeCloseTo(
        img.dailyAverage,
        1,
      );
    }
    const totals = await chartOf(page, 'totals');
    expect(totals.series).toBe(4);
    expect(totals.points).toBe(
      cmp.images.reduce((n: number, i: { points: unknown[] }) => n + i.points.length, 0),
    );
    await chartOf(page, 'cumulative');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Total CVEs over time, one line per image as PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('cleanroom-totals-2024-01-01-2024-12-31.png');
    const png = readFileSync(await download.path());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
    expect(await axeViolations(page)).toEqual([]);
    await shot('compare');
    // the counting rules switch in place for pinned images too: the cards follow the API
    const byPkg = await api(`/api/compare?${q}&replay=true&countBy=package&includeNegligible=true`);
    await page.getByRole('button', { name: 'per package' }).click();
    await page.getByRole('button', { name: 'negligible counted' }).click();
    for (const [i, img] of byPkg.images.entries())
      await expect
        .poll(() => cardNumber(page, `[data-testid="image-${i}"]`, 'latest'), { timeout: 60_000 })
        .toBe(img.latest.total);
    expect(byPkg.images.map((i: { latest: { total: number } }) => i.latest.total)).not.toEqual(
      cmp.images.map((i: { latest: { total: number } }) => i.latest.total),
    );
  }, 180_000);

  it('Compare: the default range and the presets end on the last day with data', async () => {
    await page.goto(`${demo.url}/compare`);
    await chartOf(page, 'totals');
    // the two tags whose data ends last, and the one with more CVEs also as never rebuilt since the
    // range began, over the year up to 2024-12-31 (not an empty window of today); all in the URL
    expect(await page.getByTestId('compare-images').inputValue()).toBe(
      `${WOLFI},${DEBIAN},${DEBIAN}@2024-01-01`,
    );
    await expect
      .poll(() => new URL(page.url()).searchParams.get('images'))
      .toBe(`${WOLFI},${DEBIAN},${DEBIAN}@2024-01-01`);
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('2024-01-01');
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('2024-12-31');
    expect(await page.getByRole('button', { name: '1 y' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: '30 d' }).click();
    await expect.poll(() => page.getByLabel('From', { exact: true }).inputValue()).toBe('2024-12-02');
    const bars = await chartOf(page, 'bars-0');
    expect(bars.bars).toBe(30 * 5);
  }, 120_000);

  it('Compare as rebuilt: switching a counting rule shows the API numbers for that rule', async () => {
    const q = `images=${encodeURIComponent(`${WOLFI},${DEBIAN}`)}&from=2024-10-01&to=2024-12-31`;
    await page.goto(`${demo.url}/compare?${q}`);
    await chartOf(page, 'bars-1');
    const def = await api(`/api/compare?${q}&replay=true`);
    const byPkg = await api(`/api/compare?${q}&replay=true&countBy=package`);
    const avg = (r: { images: { dailyAverage: number }[] }) => r.images.map((i) => i.dailyAverage.toFixed(2));
    expect(avg(byPkg)).not.toEqual(avg(def)); // the rule changes a number the page shows
    const shown = async () =>
      Promise.all(
        [0, 1].map(async (i) => (await cardNumber(page, `[data-testid="image-${i}"]`, 'average')).toFixed(1)),
      );
    const oneDigit = (r: { images: { dailyAverage: number }[] }) =>
      r.images.map((i) => i.dailyAverage.toFixed(1));
    expect(await shown()).toEqual(oneDigit(def));
    await page.getByRole('button', { name: 'per package' }).click();
    await expect.poll(shown, { timeout: 60_000 }).toEqual(oneDigit(byPkg));
    for (const i of [0, 1])
      expect(await cardNumber(page, `[data-testid="image-${i}"]`, 'latest')).toBe(
        byPkg.images[i].latest.total,
      );
    // the lens beside the rules: as known now, the cards are the API's answer under lens=now
    const now = await api(`/api/compare?${q}&replay=true&countBy=package&lens=now`);
    await page.getByRole('button', { name: 'as known now' }).click();
    await expect.poll(() => page.url(), { timeout: 60_000 }).toContain('lens=now');
    // the card rounds to one digit as the page formats (13.85 shows 13.9): within half a tenth
    const close = async () =>
      (await shown()).every((v, i) => Math.abs(Number(v) - now.images[i].dailyAverage) <= 0.05 + 1e-9);
    await expect.poll(close, { timeout: 60_000 }).toBe(true);
    for (const i of [0, 1])
      expect(await cardNumber(page, `[data-testid="image-${i}"]`, 'latest')).toBe(now.images[i].latest.total);
  }, 120_000);

  it('Resolved: per day by severity, total by severity, time to fix', async () => {
    const q = `from=2024-01-01&to=2024-12-31`;
    await page.goto(`${demo.url}/resolved?image=${encodeURIComponent(WOLFI)}&${q}`);
    const img = (await api(`${WOLFI_API}/resolved?${q}`)).images[0];
    const daily = await chartOf(page, 'resolved-daily');
    expect(daily.series).toBe(5);
    expect(daily.bars).toBe(img.daily.filter((d: { total: number }) => d.total > 0).length * 5);
    expect((await chartOf(page, 'resolved-totals')).bars).toBe(5);
    expect(await cardNumber(page, 'main', 'resolved-total')).toBe(img.total);
    expect(await cardNumber(page, 'main', 'how-update')).toBe(img.byHow.update);
    // every chart names its scanner and DB date: here the server's own, which computed the numbers
    const { version } = await api('/api/meta');
    await expect
      .poll(() => page.locator('.provenance').first().textContent())
      .toMatch(new RegExp(`^cleanroom ${version} · DB built \\d{4}-\\d\\d-\\d\\d · `));
    expect(await axeViolations(page)).toEqual([]);
    await shot('resolved');
    // opened from the menu (no image, no range): the image with a series (more than its first day
    // of data: not the demo's own image, scanned once today) whose data ends last, over the year up
    // to that day, not an empty window ending today
    const list = (await api('/api/images?limit=500')) as {
      images: { name: string; firstSeen: string; tags: TagRow[] }[];
    };
    const last = list.images
      .flatMap((i) => i.tags.filter((t) => t.latest && t.latest.day > i.firstSeen.slice(0, 10)))
      .map((t) => t.latest.day)
      .sort()
      .at(-1)!;
    await page.goto(`${demo.url}/resolved`);
    await chartOf(page, 'resolved-daily');
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(last);
    expect(await cardNumber(page, 'main', 'resolved-total')).toBeGreaterThan(0);
  }, 120_000);

  it('Report: live numbers of the API, avoided against the pinned alternative, downloads', async () => {
    await page.goto(`${demo.url}/report`);
    const path = `${WOLFI_API}/roi?from=2024-01-01&to=2024-12-31`;
    const roi = await api(path);
    await page.locator('[data-testid="roi-money"]').waitFor();
    // the server computes the report first (a card shows … until then): wait for it, not for 1 s
    await expect.poll(() => cardNumber(page, 'main', 'roi-cves'), { timeout: 60_000 }).toBe(roi.roi.cves);
    expect(await cardNumber(page, 'main', 'roi-money')).toBe(roi.roi.money);
    // the default alternative: the other tag as never rebuilt since the range began
    const alternative = `${DEBIAN}@2024-01-01`;
    expect(await page.getByTestId('report-alternatives').inputValue()).toBe(alternative);
    const cmp = await api(
      `/api/compare?images=${encodeURIComponent(`${WOLFI},${alternative}`)}&from=2024-01-01&to=2024-12-31&replay=true`,
    );
    const acc = (i: number) => cmp.images[i].points.at(-1).cumulative;
    expect(acc(1) - acc(0)).toBeGreaterThan(0);
    await expect.poll(() => cardNumber(page, 'main', 'roi-avoided')).toBe(acc(1) - acc(0));
    // edited assumptions: the numbers follow
    await page.getByTestId('hours').fill('2');
    await page.getByTestId('rate').fill('150');
    const edited = await api(`${path}&hoursPerCve=2&hourlyRate=150`);
    await expect
      .poll(() => cardNumber(page, 'main', 'roi-money'), { timeout: 20_000 })
      .toBe(edited.roi.money);
    expect(await cardNumber(page, 'main', 'roi-hours')).toBe(edited.roi.hours);
    // the downloads follow the /api/report contract with what the page shows
    const hrefs = await page
      .locator('[data-testid="downloads"] a')
      .evaluateAll((a) => a.map((e) => e.getAttribute('href')!));
    expect(hrefs.map((h) => new URL(h, demo.url).searchParams.get('format'))).toEqual([
      'html',
      'pdf',
      'csv',
      'json',
      'md',
    ]);
    const json = new URL(hrefs[3]!, demo.url);
    expect(Object.fromEntries(json.searchParams)).toEqual({
      images: WOLFI,
      from: '2024-01-01',
      to: '2024-12-31',
      alternatives: alternative,
      hoursPerCve: '2',
      hourlyRate: '150',
      currency: 'USD',
      format: 'json',
    });
    const res = await fetch(json);
    if (res.status !== 404) {
      // the report route is there: an attachment with the page's numbers
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
      const report = (await res.json()) as { total: { resolved: number; money: number } };
      expect(report.total.resolved).toBe(edited.roi.cves);
      expect(report.total.money).toBe(edited.roi.money);
    }
    expect(await axeViolations(page)).toEqual([]);
    await shot('report');
  }, 120_000);

  it("three sampled days of each chart (first, middle, last) are the API's: History, Compare, Resolved", async () => {
    type P = { day: string; total: number; cumulative?: number; bySeverity: Record<string, number> };
    const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'];
    const sample = <T>(xs: readonly T[]) => [xs[0]!, xs[Math.floor(xs.length / 2)]!, xs.at(-1)!];
    const bySeverity = (drawn: Record<string, number | null | undefined>) =>
      Object.fromEntries(SEVERITIES.map((s) => [s, drawn[s]]));

    // History tab: the year up to the last day, replayed, as the page says it drew it
    await page.goto(`${demo.url}${WOLFI_PAGE}?tab=history`);
    await chartOf(page, 'history');
    const panel = page.locator('section.panel', { has: page.getByTestId('history') });
    const [from, to] = (await panel.locator('.kind').first().innerText()).split(/ → |,/);
    const h = (await api(`${WOLFI_API}/history?from=${from}&to=${to}&replay=true`)).points as P[];
    for (const p of sample(h))
      expect(bySeverity(await drawnOn(page, 'history', p.day)), p.day).toEqual(
        Object.fromEntries(SEVERITIES.map((s) => [s, p.bySeverity[s]])),
      );

    // Compare: each image's bars, and its line on the totals and the cumulative chart
    const images = `${WOLFI}@2024-01-01,${DEBIAN}@2024-01-01,${WOLFI},${DEBIAN}`;
    const q = `images=${encodeURIComponent(images)}&from=2024-01-01&to=2024-12-31`;
    await page.goto(`${demo.url}/compare?${q}`);
    const cmp = (await api(`/api/compare?${q}&replay=true`)) as { images: { ref: string; points: P[] }[] };
    for (const [i, img] of cmp.images.entries())
      for (const p of sample(img.points)) {
        const at = `${img.ref} ${p.day}`;
        expect(bySeverity(await drawnOn(page, `bars-${i}`, p.day)), at).toEqual(
          Object.fromEntries(SEVERITIES.map((s) => [s, p.bySeverity[s]])),
        );
        expect((await drawnOn(page, 'totals', p.day))[img.ref], at).toBe(p.total);
        expect((await drawnOn(page, 'cumulative', p.day))[img.ref], at).toBe(p.cumulative);
      }

    // Resolved: the days with resolutions, per severity
    const rq = `from=2024-01-01&to=2024-12-31`;
    await page.goto(`${demo.url}/resolved?image=${encodeURIComponent(WOLFI)}&${rq}`);
    await chartOf(page, 'resolved-daily');
    const daily = (await api(`${WOLFI_API}/resolved?${rq}`)).images[0].daily as P[];
    for (const d of sample(daily.filter((x) => x.total > 0)))
      expect(bySeverity(await drawnOn(page, 'resolved-daily', d.day)), d.day).toEqual(
        Object.fromEntries(SEVERITIES.map((s) => [s, d.bySeverity[s]])),
      );
  }, 120_000);

  it('dark scheme: every page with no serious or critical axe violation', async () => {
    const dark = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
    try {
      const q = `images=${encodeURIComponent(`${WOLFI}@2024-01-01,${DEBIAN}@2024-01-01,${WOLFI},${DEBIAN}`)}&from=2024-01-01&to=2024-12-31`;
      for (const [path, wait] of [
        ['/', 'directory'],
        [`${WOLFI_PAGE}?tab=vulnerabilities`, 'vulns-count'],
        [`/compare?${q}`, 'totals'],
        [`/resolved?image=${encodeURIComponent(WOLFI)}&from=2024-01-01&to=2024-12-31`, 'resolved-daily'],
        ['/report', 'roi-money'],
      ] as const) {
        await dark.goto(`${demo.url}${path}`);
        await dark.getByTestId(wait).first().waitFor({ timeout: 30_000 });
        if (wait === 'totals') await chartOf(dark, 'totals');
        expect(await dark.evaluate('getComputedStyle(document.documentElement).backgroundColor')).toBe(
          'rgb(15, 18, 22)',
        );
        expect(await axeViolations(dark), path).toEqual([]);
        if (wait === 'totals') {
          for (const i of [0, 1, 2, 3]) await chartOf(dark, `bars-${i}`);
          await shot('compare-dark', dark);
        }
      }
    } finally {
      await dark.close();
    }
  }, 180_000);

  it('phone width: the directory as cards, readable at 390 px', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'light' });
    try {
      await phone.goto(`${demo.url}/`);
      await rows(phone, 'directory').first().waitFor();
      // no sideways scrolling: the page is as wide as the screen
      expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      expect(await phone.locator('[data-testid="directory"] thead').isVisible()).toBe(false);
      expect(await axeViolations(phone)).toEqual([]);
      await shot('directory-phone', phone);
    } finally {
      await phone.close();
    }
  }, 120_000);
});
