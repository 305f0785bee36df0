/**
 * Drill-down in Debian's chromium over `cleanroom demo`, as a user clicks: a bar of Compare opens
 * the CVEs of that image, day and severity; one of them opens its CVE page; from there another
 * image that carries it, its day's list and its page. On every page the numbers are the API's
 * (fetched here and compared). History's bars and Resolved's list drill down the same way, and
 * the pages fit a 390 px phone with no horizontal scroll. Screenshots: docs/screenshots/drilldown-*.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson } from './api-helpers.js';
import { axeViolations, cardNumber, hasChromium, launch, startDemo, type Demo } from './console-helpers.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-drilldown-');
const SHOTS = resolve(import.meta.dirname, '../docs/screenshots');
const WOLFI = 'cgr.dev/chainguard/python:latest';
const PINNED = 'debian/python:bookworm-20230610';
const DAY = '2024-05-14';
const CVE = 'CVE-2024-33601';
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'];
const RANK = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];
let demo: Demo;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!hasChromium) return;
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemo(tmp.dir);
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  if (demo) expect(await demo.stop()).toBe(0);
  tmp.cleanup();
});

const api = async (path: string) => (await getJson(`${demo.url}${path}`)).body;
const tagPath = (ref: string) => {
  const i = ref.lastIndexOf(':');
  return `/api/images/${encodeURIComponent(ref.slice(0, i))}/tags/${encodeURIComponent(ref.slice(i + 1))}`;
};
const shot = (name: string, p: Page = page) =>
  p.screenshot({ path: `${SHOTS}/drilldown-${name}.png`, fullPage: true });

interface Vuln {
  id: string;
  severity: string;
}
/** The distinct ids of a day's list of one severity, each at its highest severity (how the API counts). */
function idsOf(list: Vuln[], severity: string): string[] {
  const top = new Map<string, string>();
  for (const v of list) {
    const s = top.get(v.id);
    if (!s || RANK.indexOf(v.severity) < RANK.indexOf(s)) top.set(v.id, v.severity);
  }
  return [...top]
    .filter(([, s]) => s === severity)
    .map(([id]) => id)
    .sort();
}

/** Clicks the middle of one severity's segment of a day's stacked bar, as a user would. */
async function clickBar(chart: Locator, day: string, bySeverity: Record<string, number>, severity: string) {
  await chart.waitFor({ timeout: 60_000 });
  // the box is in the viewport's coordinates: the chart must be on screen
  await chart.scrollIntoViewIfNeeded();
  const s = SEVERITIES.indexOf(severity);
  const below = SEVERITIES.slice(0, s).reduce((n, k) => n + bySeverity[k]!, 0);
  const [x, y] = await chart.evaluate(
    (el, a) =>
      (el as unknown as { pixelOf(i: number, v: unknown[]): number[] }).pixelOf(a.s, [a.day, a.value]),
    { s, day, value: below + bySeverity[severity]! / 2 },
  );
  const box = (await chart.boundingBox())!;
  await page.mouse.click(box.x + x!, box.y + y!);
}

/** Rows of a drill-down table by their `data-id`. */
const rowIds = (p: Page, testId: string) =>
  p
    .locator(`[data-testid="${testId}"] tbody tr`)
    .evaluateAll((rows) =>
      rows.map((r) => (r as unknown as { dataset: { id?: string; ref?: string } }).dataset),
    );

describe.skipIf(!hasChromium)('drill-down over cleanroom demo', () => {
  it('Compare bar → the CVEs of that day → the CVE page → another image carrying it', async () => {
    const images = `${WOLFI},${PINNED}`;
    const q = `images=${encodeURIComponent(images)}&from=2024-01-01&to=2024-12-30`;
    const cmp = await api(`/api/compare?${q}&replay=true`);
    const point = cmp.images[0].points.find((p: { day: string }) => p.day === DAY);
    expect(point.bySeverity.high).toBeGreaterThan(0);
    await page.goto(`${demo.url}/compare?${q}`);
    const bars = page.locator('[data-testid="bars-0"][data-rendered="true"]');
    await bars.waitFor({ timeout: 60_000 });
    // Compare's cards are the API's, and name their image with a link to its page
    expect(await cardNumber(page, '[data-testid="image-0"]', 'latest')).toBe(cmp.images[0].latest.total);
    expect(await page.locator('[data-testid="image-0"] h2 a').getAttribute('href')).toBe(
      `/image/${encodeURIComponent('cgr.dev/chainguard/python')}/latest`,
    );

    // 1. the high segment of the day's bar
    await clickBar(bars, DAY, point.bySeverity, 'high');
    await page.waitForURL(/\/cves\?/);
    const listUrl = new URL(page.url());
    expect(Object.fromEntries(listUrl.searchParams)).toEqual({ image: WOLFI, day: DAY, severity: 'high' });
    await page.getByTestId('cve-list').waitFor();
    // the menu follows the page: Compare is no longer the current view
    expect(await page.locator('nav a[aria-current="page"]').count()).toBe(0);
    const day = await api(`${tagPath(WOLFI)}/vulnerabilities?day=${DAY}`);
    // the bar, the list's count and the API's are one number
    expect(day.bySeverity.high).toBe(point.bySeverity.high);
    expect(await cardNumber(page, 'main', 'cves-counted')).toBe(day.bySeverity.high);
    const listed = (await rowIds(page, 'cve-list')).map((d) => d.id).sort();
    expect(listed).toEqual(idsOf(day.vulnerabilities, 'high'));
    expect(listed).toContain(CVE);
    for (const s of SEVERITIES)
      expect(await cardNumber(page, 'main', `cves-sev-${s}`)).toBe(day.bySeverity[s]);
    expect(await axeViolations(page)).toEqual([]);
    await shot('cves');
    // every severity: the list follows the URL
    await page.getByTestId('cves-severity').selectOption('');
    await expect.poll(() => new URL(page.url()).searchParams.get('severity')).toBe(null);
    expect(await cardNumber(page, 'main', 'cves-counted')).toBe(day.total);
    expect((await rowIds(page, 'cve-list')).length).toBe(day.total);

    // 2. the CVE page
    await page.locator(`[data-testid="cve-list"] tr[data-id="${CVE}"] a`).click();
    await page.waitForURL(`**/cve/${CVE}`);
    await page.getByTestId('cve-tags').waitFor({ timeout: 60_000 });
    expect(await page.locator('nav a[aria-current="page"]').count()).toBe(0);
    const cve = await api(`/api/cves/${CVE}`);
    const tags = cve.tags as {
      ref: string;
      firstDay: string | null;
      lastDay: string | null;
      carries: boolean;
      days: number;
    }[];
    expect((await rowIds(page, 'cve-tags')).map((d) => d.ref)).toEqual(tags.map((t) => t.ref));
    for (const t of tags) {
      const row = page.locator(`[data-testid="cve-tags"] tr[data-ref="${t.ref}"]`);
      expect(await row.locator('[data-first]').getAttribute('data-first')).toBe(t.firstDay ?? '');
      expect(await row.locator('[data-last]').getAttribute('data-last')).toBe(t.lastDay ?? '');
    }
    expect(await cardNumber(page, 'main', 'cve-carrying')).toBe(tags.filter((t) => t.carries).length);
    const wolfi = tags.find((t) => t.ref === WOLFI)!;
    expect(wolfi.firstDay).toBe(DAY);
    const epss = await page.getByTestId('cve-epss').locator('[data-value]').innerText();
    expect(epss).toBe(cve.epss == null ? '—' : `${(cve.epss * 100).toFixed(1)} %`);
    expect(await page.locator('[data-testid="cve-links"] a').count()).toBe(cve.links.length);
    expect(await axeViolations(page)).toEqual([]);
    await shot('cve');

    // 3. another image carrying it: the list of its first day, then its page
    const other = tags.find((t) => t.ref === PINNED && t.carries)!;
    expect(other).toBeDefined();
    await page.locator(`[data-testid="cve-tags"] tr[data-ref="${PINNED}"] [data-first] a`).click();
    await page.waitForURL(/\/cves\?/);
    await page.getByTestId('cve-list').waitFor();
    const first = await api(`${tagPath(PINNED)}/vulnerabilities?day=${other.firstDay}`);
    expect(await cardNumber(page, 'main', 'cves-counted')).toBe(first.total);
    const ids = (await rowIds(page, 'cve-list')).map((d) => d.id);
    expect(ids).toContain(CVE);
    expect(ids.length).toBe(first.total);
    expect(first.vulnerabilities.find((v: Vuln & { firstSeen: string }) => v.id === CVE).firstSeen).toBe(
      other.firstDay,
    );
    await page.goBack();
    await page.getByTestId('cve-tags').waitFor();
    await page.locator(`[data-testid="cve-tags"] tr[data-ref="${PINNED}"] th a`).click();
    await page.waitForURL(/\/image\//);
    await page.getByTestId('overview-total').waitFor();
    const list = await api('/api/images?limit=500');
    const me = list.images
      .flatMap((i: { name: string; tags: { tag: string }[] }) =>
        i.tags.map((t) => ({ ...t, ref: `${i.name}:${t.tag}` })),
      )
      .find((t: { ref: string }) => t.ref === PINNED);
    expect(await cardNumber(page, 'main', 'overview-total')).toBe(me.latest.total);

    // a capped search says so, and reads more on request (the limit is in the URL)
    await page.goto(`${demo.url}/cve/${CVE}?limit=1`);
    await page.getByTestId('cve-capped').waitFor({ timeout: 60_000 });
    const capped = await api(`/api/cves/${CVE}?limit=1`);
    expect(await page.getByTestId('cve-capped').innerText()).toContain(`${capped.search.candidates} tags`);
    await page.getByTestId('cve-capped').getByRole('link').click();
    await page.waitForURL(/limit=50/);
    await expect.poll(() => page.getByTestId('cve-capped').count()).toBe(0);
    expect((await rowIds(page, 'cve-tags')).map((d) => d.ref)).toEqual(tags.map((t) => t.ref));
  }, 240_000);

  it("History's bars open the CVEs of their day; Resolved lists each resolution with its hours and money", async () => {
    await page.goto(
      `${demo.url}/image/${encodeURIComponent('cgr.dev/chainguard/python')}/latest?tab=history`,
    );
    const history = page.locator('[data-testid="history"][data-rendered="true"]');
    await history.waitFor({ timeout: 60_000 });
    const list = await api('/api/images?limit=500');
    const to = list.images
      .find((i: { name: string }) => i.name === 'cgr.dev/chainguard/python')
      .tags.find((t: { tag: string }) => t.tag === 'latest').latest.day;
    const d = new Date(`${to}T00:00:00Z`);
    d.setUTCFullYear(d.getUTCFullYear() - 1);
    const from = new Date(d.getTime() + 86_400_000).toISOString().slice(0, 10);
    const h = await api(`${tagPath(WOLFI)}/history?from=${from}&to=${to}&replay=true`);
    const p = h.points.find((x: { day: string }) => x.day === DAY);
    await clickBar(history, DAY, p.bySeverity, 'unknown');
    await page.waitForURL(/\/cves\?/);
    expect(new URL(page.url()).searchParams.get('severity')).toBe('unknown');
    await page.getByTestId('cve-list').waitFor();
    expect(await cardNumber(page, 'main', 'cves-counted')).toBe(p.bySeverity.unknown);

    const range = 'from=2024-01-01&to=2024-12-30';
    const r = await api(`${tagPath(WOLFI)}/resolved?${range}&withRoi=true`);
    const img = r.images[0];
    await page.goto(`${demo.url}/resolved?image=${encodeURIComponent(WOLFI)}&${range}`);
    await page.getByTestId('resolutions').waitFor({ timeout: 60_000 });
    // the first 25, then all of them
    expect(await page.locator('[data-testid="resolutions"] tbody tr').count()).toBe(
      Math.min(25, img.resolutions.length),
    );
    if (img.resolutions.length > 25) await page.getByTestId('resolutions-all').click();
    expect(await page.locator('[data-testid="resolutions"] tbody tr').count()).toBe(img.resolutions.length);
    expect(await cardNumber(page, 'main', 'resolved-hours')).toBe(img.roi.hours);
    expect(await cardNumber(page, 'main', 'resolved-money')).toBe(img.roi.money);
    expect(await cardNumber(page, 'main', 'resolved-total')).toBe(img.total);
    // each row's hours are the API's, the uncounted say so
    const hours = await page
      .locator('[data-testid="resolutions"] tbody tr td[data-label="hours"]')
      .allInnerTexts();
    expect(hours).toEqual(
      (img.resolutions as { counted: boolean; hours: number }[]).map((x) =>
        x.counted ? x.hours.toFixed(1) : 'counted once',
      ),
    );
    await shot('resolved');
    // a bar of the daily chart filters the list to its day (kept in the URL)
    const busiest = (
      img.daily as { day: string; total: number; bySeverity: Record<string, number> }[]
    ).reduce((a, b) => (b.total > a.total ? b : a));
    const sev = SEVERITIES.find((s) => busiest.bySeverity[s]! > 0)!;
    await clickBar(
      page.locator('[data-testid="resolved-daily"][data-rendered="true"]'),
      busiest.day,
      busiest.bySeverity,
      sev,
    );
    await expect.poll(() => new URL(page.url()).searchParams.get('day')).toBe(busiest.day);
    const onDay = (img.resolutions as { day: string }[]).filter((x) => x.day === busiest.day).length;
    await expect.poll(() => page.locator('[data-testid="resolutions"] tbody tr').count()).toBe(onDay);
    expect(await axeViolations(page)).toEqual([]);
  }, 240_000);

  it("a pinned image's bar and a point of the totals open their day's CVEs, as the API counts them", async () => {
    const pinned = 'debian/python:bookworm@2023-12-24';
    const images = `${WOLFI},${pinned}`;
    const q = `images=${encodeURIComponent(images)}&from=2024-01-01&to=2024-12-30`;
    const cmp = await api(`/api/compare?${q}&replay=true`);
    const points = cmp.images[1].points as {
      day: string;
      total: number;
      bySeverity: Record<string, number>;
    }[];
    const at = points.find((p) => p.day === '2024-06-10')!;
    await page.goto(`${demo.url}/compare?${q}`);
    await clickBar(
      page.locator('[data-testid="bars-1"][data-rendered="true"]'),
      at.day,
      at.bySeverity,
      'high',
    );
    await page.waitForURL(/\/cves\?/);
    await page.getByTestId('cve-list').waitFor();
    // the day the click landed on (bars of a year are narrow): its list is the pinned image's
    const url = new URL(page.url());
    expect(url.searchParams.get('image')).toBe(pinned);
    const clicked = points.find((p) => p.day === url.searchParams.get('day'))!;
    const v = await api(
      `${tagPath('debian/python:bookworm')}/vulnerabilities?day=${clicked.day}&pin=2023-12-24`,
    );
    expect(v.bySeverity).toEqual(clicked.bySeverity);
    expect(await cardNumber(page, 'main', 'cves-counted')).toBe(clicked.bySeverity.high);
    expect((await rowIds(page, 'cve-list')).map((d) => d.id).sort()).toEqual(
      idsOf(v.vulnerabilities, 'high'),
    );
    // a point of "Total CVEs over time": that image's whole list of the day
    await page.goBack();
    const totals = page.locator('[data-testid="totals"][data-rendered="true"]');
    await totals.waitFor({ timeout: 60_000 });
    await totals.scrollIntoViewIfNeeded();
    const [x, y] = await totals.evaluate(
      (el, a) =>
        (el as unknown as { pixelOf(i: number, v: unknown[]): number[] }).pixelOf(1, [a.day, a.total]),
      { day: at.day, total: at.total },
    );
    const box = (await totals.boundingBox())!;
    await page.mouse.move(box.x + x!, box.y + y!);
    await page.mouse.click(box.x + x!, box.y + y!);
    await page.waitForURL(/\/cves\?/);
    await page.getByTestId('cve-list').waitFor();
    const day = new URL(page.url()).searchParams.get('day')!;
    expect(new URL(page.url()).searchParams.get('severity')).toBe(null);
    expect(await cardNumber(page, 'main', 'cves-counted')).toBe(points.find((p) => p.day === day)!.total);
  }, 240_000);

  it('at 390 px: no horizontal scroll and nothing wider than the screen on the drill-down pages', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'light' });
    const pages: [string, string, string][] = [
      ['cves', `/cves?image=${encodeURIComponent(WOLFI)}&day=${DAY}`, 'cve-list'],
      ['cve', `/cve/${CVE}`, 'cve-tags'],
      [
        'resolved',
        `/resolved?image=${encodeURIComponent(WOLFI)}&from=2024-01-01&to=2024-12-30`,
        'resolutions',
      ],
    ];
    for (const [name, path, testId] of pages) {
      await phone.goto(`${demo.url}${path}`);
      await phone.getByTestId(testId).waitFor({ timeout: 60_000 });
      const { scroll, client, wide } = await phone.evaluate(() => {
        const doc = (
          globalThis as unknown as {
            document: {
              documentElement: { scrollWidth: number; clientWidth: number };
              querySelectorAll(s: string): ArrayLike<{
                getBoundingClientRect(): { right: number };
                tagName: string;
                className: string;
              }>;
            };
          }
        ).document;
        const width = doc.documentElement.clientWidth;
        const wide = Array.from(doc.querySelectorAll('main *'))
          .filter((e) => e.getBoundingClientRect().right > width + 1)
          .map((e) => `${e.tagName}.${e.className}`);
        return { scroll: doc.documentElement.scrollWidth, client: width, wide };
      });
      expect(wide, name).toEqual([]);
      expect(scroll, name).toBeLessThanOrEqual(client);
      await shot(`${name}-phone`, phone);
    }
    await phone.close();
  }, 180_000);
});
