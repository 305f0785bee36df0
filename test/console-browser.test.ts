/**
 * The console in Debian's chromium over `cleanroom demo`: every view draws what the API returns
 * (series, bars, the numbers on the cards), a counting rule switched in place shows the API's
 * numbers for that rule, axe-core finds no serious or critical violation, and each view's
 * screenshot is saved for the README (docs/screenshots/).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson } from './api-helpers.js';
import {
  axeViolations,
  cardNumber,
  chartOf,
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

const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

describe.skipIf(!hasChromium)('console over cleanroom demo', () => {
  it('Directory: every tracked tag with the latest counts of the API', async () => {
    await page.goto(`${demo.url}/`);
    const api = (await getJson(`${demo.url}/api/images`)).body;
    await page.locator('[data-testid="directory"] tbody tr').first().waitFor();
    await page.locator('[data-testid="directory"] tbody svg').nth(2).waitFor();
    for (const image of api.images)
      for (const t of image.tags) {
        const row = page.locator(`tr[data-ref="${image.name}:${t.tag}"]`);
        expect(Number(await row.locator('[data-total]').innerText())).toBe(t.latest.total);
      }
    expect(await axeViolations(page)).toEqual([]);
    await shot('directory');
  });

  it('image page: latest counts, vulnerabilities, history chart', async () => {
    await page.goto(`${demo.url}/image/${encodeURIComponent('cgr.dev/chainguard/python')}/latest`);
    const v = (
      await getJson(
        `${demo.url}/api/images/${encodeURIComponent('cgr.dev/chainguard/python')}/tags/latest/vulnerabilities`,
      )
    ).body;
    await page.locator('[data-testid="overview-total"]').waitFor();
    expect(await cardNumber(page, 'main', 'overview-total')).toBe(v.total);
    await page.getByRole('tab', { name: 'Vulnerabilities' }).click();
    expect(await page.locator('[data-testid="vulns"] tbody tr').count()).toBe(v.vulnerabilities.length);
    await page.getByRole('tab', { name: 'History' }).click();
    expect((await chartOf(page, 'history')).series).toBe(5);
    expect(await axeViolations(page)).toEqual([]);
    await shot('image');
  });

  it('Compare: Wolfi python and Debian python pinned at 2024-01-01, over 2024', async () => {
    const images = `${WOLFI}@2024-01-01,${DEBIAN}@2024-01-01`;
    const q = `images=${encodeURIComponent(images)}&from=2024-01-01&to=2024-12-31`;
    await page.goto(`${demo.url}/compare?${q}`);
    const api = (await getJson(`${demo.url}/api/compare?${q}&replay=true`)).body;
    for (const [i, img] of api.images.entries()) {
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
    expect(totals.series).toBe(2);
    expect(totals.points).toBe(api.images[0].points.length + api.images[1].points.length);
    await chartOf(page, 'cumulative');
    expect(await axeViolations(page)).toEqual([]);
    await shot('compare');
  }, 120_000);

  it('Compare as rebuilt: switching a counting rule shows the API numbers for that rule', async () => {
    const q = `images=${encodeURIComponent(`${WOLFI},${DEBIAN}`)}&from=2024-10-01&to=2024-12-31`;
    await page.goto(`${demo.url}/compare?${q}`);
    await chartOf(page, 'bars-1');
    const def = (await getJson(`${demo.url}/api/compare?${q}&replay=true`)).body;
    const byPkg = (await getJson(`${demo.url}/api/compare?${q}&replay=true&countBy=package`)).body;
    const avg = (r: { images: { dailyAverage: number }[] }) => r.images.map((i) => i.dailyAverage.toFixed(1));
    expect(avg(byPkg)).not.toEqual(avg(def)); // the rule changes a number the page shows
    const shown = async () =>
      Promise.all(
        [0, 1].map(async (i) => (await cardNumber(page, `[data-testid="image-${i}"]`, 'average')).toFixed(1)),
      );
    expect(await shown()).toEqual(avg(def));
    const started = Date.now();
    await page.getByRole('button', { name: 'per package' }).click();
    await expect.poll(shown, { timeout: 60_000 }).toEqual(avg(byPkg));
    for (const i of [0, 1])
      expect(await cardNumber(page, `[data-testid="image-${i}"]`, 'latest')).toBe(
        byPkg.images[i].latest.total,
      );
    console.log(`rule switch to redrawn numbers: ${Date.now() - started} ms`);
  }, 120_000);

  it('Resolved: per day by severity, total by severity, time to fix', async () => {
    const q = `from=2024-01-01&to=2024-12-31`;
    await page.goto(`${demo.url}/resolved?image=${encodeURIComponent(WOLFI)}&${q}`);
    const api = (
      await getJson(
        `${demo.url}/api/images/${encodeURIComponent('cgr.dev/chainguard/python')}/tags/latest/resolved?${q}`,
      )
    ).body;
    const img = api.images[0];
    const daily = await chartOf(page, 'resolved-daily');
    expect(daily.series).toBe(5);
    expect(daily.bars).toBe(img.daily.filter((d: { total: number }) => d.total > 0).length * 5);
    expect((await chartOf(page, 'resolved-totals')).bars).toBe(5);
    expect(await cardNumber(page, 'main', 'resolved-total')).toBe(img.total);
    expect(await cardNumber(page, 'main', 'how-update')).toBe(img.byHow.update);
    expect(await axeViolations(page)).toEqual([]);
    await shot('resolved');
  }, 120_000);

  it('Report: the ROI of the API, following the assumptions as they are edited', async () => {
    await page.goto(`${demo.url}/report`);
    const path = `${demo.url}/api/images/${encodeURIComponent('cgr.dev/chainguard/python')}/tags/latest/roi?from=2024-01-01&to=2024-12-31`;
    const api = (await getJson(path)).body;
    await page.locator('[data-testid="roi-money"]').waitFor();
    expect(await cardNumber(page, 'main', 'roi-cves')).toBe(api.roi.cves);
    expect(await cardNumber(page, 'main', 'roi-money')).toBe(api.roi.money);
    await page.getByTestId('hours').fill('2');
    await page.getByTestId('rate').fill('150');
    const edited = (await getJson(`${path}&hoursPerCve=2&hourlyRate=150`)).body;
    await expect
      .poll(() => cardNumber(page, 'main', 'roi-money'), { timeout: 20_000 })
      .toBe(edited.roi.money);
    expect(await cardNumber(page, 'main', 'roi-hours')).toBe(edited.roi.hours);
    expect(await axeViolations(page)).toEqual([]);
    await shot('report');
  }, 120_000);
});
