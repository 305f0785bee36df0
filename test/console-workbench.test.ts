/**
 * The console as a workbench (issue 20), in Debian's chromium over the demo's store served with a
 * write token and `--allow-path` on the fixtures' images: an image archive tracked from the
 * console appears in the Directory with its point (and nothing is written without a token);
 * Trivy's own golden result imported from the console opens on every tab of its page; a watch is
 * added and removed; a URL copied from Compare and from Report restores the same view in a fresh
 * browser context; at 390 px no page scrolls sideways and no two boxes overlap; axe-core finds no
 * serious or critical violation. Run `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../src/history/store/open.js';
import { createToken } from '../src/history/store/queries-tokens.js';
import { getJson, startServer, type Server } from './api-helpers.js';
import { axeViolations, cardNumber, chartOf, hasChromium, launch } from './console-helpers.js';
import { fixture } from './fixtures.js';
import { tempDir } from './scan-helpers.js';

const ROOT = resolve(import.meta.dirname, '..');
const SHOTS = resolve(ROOT, 'docs/screenshots');
const tmp = tempDir('cleanroom-workbench-');
const WOLFI = 'cgr.dev/chainguard/python:latest';
const DEBIAN = 'debian/python:bookworm';
const ARCHIVE = fixture('images', 'alpine-3.10.2.docker.tar.gz');
const GOLDEN = fixture('peer', 'trivy', 'golden', 'alpine-310.json.golden');
let server: Server;
let browser: Browser;
let token: string;

beforeAll(async () => {
  if (!hasChromium) return;
  const dir = join(tmp.dir, 'demo');
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'bin/cleanroom.js'), 'demo', '--dir', dir, '--no-serve'],
    {
      encoding: 'utf8',
    },
  );
  expect(r.status, r.stderr).toBe(0);
  const { store, db } = JSON.parse(r.stdout) as { store: string; db: string };
  const s = await openHistoryStore(store);
  token = (await createToken(s, 'write', 'console test')).token;
  await s.close();
  server = await startServer(['--store', store, '--db', db, '--allow-path', fixture('images')]);
  browser = await launch();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
  tmp.cleanup();
});

const api = async (path: string) => (await getJson(`${server.url}${path}`)).body;
const tagPage = (ref: string) => {
  const i = ref.lastIndexOf(':');
  return `/image/${encodeURIComponent(ref.slice(0, i))}/${encodeURIComponent(ref.slice(i + 1))}`;
};
interface ImageList {
  images: {
    name: string;
    tags: {
      tag: string;
      latest: { day: string; total: number; coverage?: { lowerBound: boolean } | null };
    }[];
  }[];
}
const findTag = (list: ImageList, ref: string) =>
  list.images
    .flatMap((i) => i.tags.map((t) => ({ ...t, ref: `${i.name}:${t.tag}` })))
    .find((t) => t.ref === ref);

/** A fresh context (its own sessionStorage: no token) that fails the test on any page error. */
async function fresh(width = 1280): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: 'light' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** A chart drawn, waited for up to a minute (the server may be busy with other tests' work). */
async function drawn(page: Page, testId: string) {
  await page.locator(`[data-testid="${testId}"][data-rendered="true"]`).waitFor({ timeout: 60_000 });
  return chartOf(page, testId);
}

describe.skipIf(!hasChromium)('console as a workbench', () => {
  it('tracks an image archive from the console with a write token; without one it asks and writes nothing', async () => {
    const { context, page, errors } = await fresh();
    const ref = 'myorg/alpine:3.10';
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Add an image' }).click();
    await page.getByTestId('track-reference').fill(ARCHIVE);
    await page.getByTestId('track-as').fill(ref);
    await page.getByTestId('track-submit').click();
    // no token: the page asks for one and sends nothing
    await page.getByTestId('write-needs-token').waitFor();
    expect(await page.getByLabel('Write token').isVisible()).toBe(true);
    expect(findTag(await api('/api/images?limit=500'), ref)).toBeUndefined();
    await page.getByLabel('Write token').fill(token);
    await page.getByRole('button', { name: 'Use write token' }).click();
    await page.getByTestId('write-token-set').waitFor();
    await page.getByTestId('track-submit').click();
    await page.getByTestId('write-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('write-done').innerText()).toContain(`of ${ref}`);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/add-image.png`, fullPage: true });
    // an error is shown in place, in the server's words, and nothing is recorded
    await page.getByTestId('track-reference').fill('/etc/outside.tar');
    await page.getByTestId('track-as').fill('myorg/outside:1');
    await page.getByTestId('track-submit').click();
    await page.getByTestId('write-error').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('write-error').innerText()).toContain('the API reads no local path');
    expect(findTag(await api('/api/images?limit=500'), 'myorg/outside:1')).toBeUndefined();
    // the Directory lists it with its point, as the API does
    const mine = findTag(await api('/api/images?limit=500'), ref)!;
    expect(mine.latest.total).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Directory' }).first().click();
    const row = page.locator(`tr[data-ref="${ref}"]`);
    await row.waitFor();
    expect(await row.locator('[data-total]').innerText()).toBe(
      `${mine.latest.coverage?.lowerBound ? '≥' : ''}${mine.latest.total}`,
    );
    expect(await row.locator('[data-day]').getAttribute('data-day')).toBe(mine.latest.day);
    // a newly tracked tag: its Comparison tab compares from its first day, not from a year before it
    await page.goto(`${server.url}${tagPage(ref)}?tab=comparison`);
    await drawn(page, 'bars-1');
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    // and the Report opens on it, against another image pinned no earlier than that image's data
    await page.goto(`${server.url}/report?images=${encodeURIComponent(ref)}`);
    await page.getByTestId('roi-money').waitFor();
    expect(await page.getByTestId('report-images').inputValue()).toBe(ref);
    await expect
      .poll(() => page.locator('[data-testid="roi-cves"] [data-value]').innerText(), { timeout: 60_000 })
      .not.toBe('…');
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("imports Trivy's golden result from the console: each tab of its page renders", async () => {
    const { context, page, errors } = await fresh();
    const ref = 'trivy/alpine:3.10';
    await page.goto(`${server.url}/add`);
    await page.getByLabel('Write token').fill(token);
    await page.getByRole('button', { name: 'Use write token' }).click();
    await page.getByTestId('upload-file').setInputFiles(GOLDEN);
    await page.getByText('a Trivy JSON result').waitFor();
    await page.getByTestId('upload-as').fill(ref);
    await page.getByTestId('upload-submit').click();
    await page.getByTestId('write-done').waitFor({ timeout: 60_000 });
    const v = await api(`/api/images/trivy%2Falpine/tags/3.10/vulnerabilities`);
    await page.getByRole('link', { name: 'Open its page' }).click();
    await page.getByTestId('overview-total').waitFor();
    expect(await cardNumber(page, 'main', 'overview-total')).toBe(v.total);
    expect(await page.locator('dl.facts').innerText()).toContain('trivy');
    // the distribution Trivy names (Metadata.OS), not "unknown"
    expect(await page.locator('dl.facts').innerText()).toContain('alpine 3.10.2');
    await page.getByRole('tab', { name: 'Vulnerabilities' }).click();
    await expect
      .poll(() => page.locator('[data-testid="vulns"] tbody tr').count(), { timeout: 20_000 })
      .toBe(v.vulnerabilities.length);
    await page.getByRole('tab', { name: 'Packages' }).click();
    await page.getByTestId('packages-none').waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    expect((await drawn(page, 'history')).bars).toBeGreaterThan(0);
    // no inventory to replay as never rebuilt: the tag alone, saying why
    await page.getByRole('tab', { name: 'Comparison' }).click();
    await page.getByTestId('comparison-alone').waitFor();
    await drawn(page, 'bars-0');
    expect(await page.locator('.status.error').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    // the Directory names it too (its filters find it once the series is refreshed: a minute in serve)
    await page.goto(`${server.url}/?q=${encodeURIComponent('trivy/')}`);
    await expect
      .poll(() => page.locator('tr[data-ref]').evaluateAll((r) => r.map((e) => e.getAttribute('data-ref'))))
      .toEqual([ref]);
    expect(await page.locator(`tr[data-ref="${ref}"] .kind`).first().innerText()).toBe(
      'docker.io · alpine 3.10.2',
    );
    // a watch added and removed from the Watches page, with the same tab's token
    await page.getByRole('link', { name: 'Watches' }).click();
    await page.getByTestId('watch-ref').fill(ref);
    await page.getByTestId('watch-every').fill('12h');
    await page.getByTestId('watch-add').click();
    await page.locator(`tr[data-ref="${ref}"]`).waitFor();
    expect((await api('/api/watches')).watches.map((w: { ref: string }) => w.ref)).toEqual([ref]);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: `Remove ${ref}`, exact: true }).click();
    await page.getByText(`${ref} is no longer watched.`).waitFor();
    expect((await api('/api/watches')).watches).toEqual([]);
    await context.close();
  }, 180_000);

  it('a URL copied from Compare and from Report restores the same view in a fresh browser context', async () => {
    const a = await fresh();
    const q = `images=${encodeURIComponent(`${WOLFI},${DEBIAN}`)}&from=2024-01-01&to=2024-12-31`;
    await a.page.goto(`${server.url}/compare?${q}`);
    await drawn(a.page, 'bars-1');
    await a.page.getByRole('button', { name: 'per package' }).click();
    await a.page.getByRole('button', { name: 'as known now' }).click();
    await a.page.getByRole('button', { name: '90 d' }).click();
    await expect.poll(() => a.page.url(), { timeout: 30_000 }).toContain('lens=now');
    const shown = async (p: Page) => ({
      images: await p.getByTestId('compare-images').inputValue(),
      from: await p.getByLabel('From', { exact: true }).inputValue(),
      to: await p.getByLabel('To', { exact: true }).inputValue(),
      pressed: await p.locator('[data-testid="rules"] button[aria-pressed="true"]').allInnerTexts(),
      cards: await Promise.all([0, 1].map((i) => cardNumber(p, `[data-testid="image-${i}"]`, 'latest'))),
    });
    await expect
      .poll(() => a.page.getByLabel('From', { exact: true }).inputValue(), { timeout: 30_000 })
      .toBe('2024-10-03');
    await drawn(a.page, 'bars-1');
    const before = await shown(a.page);
    const b = await fresh();
    await b.page.goto(a.page.url());
    await drawn(b.page, 'bars-1');
    expect(await shown(b.page)).toEqual(before);

    await a.page.goto(`${server.url}/report?images=${encodeURIComponent(WOLFI)}`);
    await a.page.getByTestId('roi-money').waitFor();
    await a.page.getByTestId('hours').fill('2');
    await a.page.getByRole('button', { name: 'per package' }).click();
    await expect.poll(() => a.page.url()).toContain('countBy=package');
    const report = async (p: Page) => {
      await expect
        .poll(() => p.locator('[data-testid="roi-money"] [data-value]').innerText(), { timeout: 60_000 })
        .not.toBe('…');
      return {
        images: await p.getByTestId('report-images').inputValue(),
        alternatives: await p.getByTestId('report-alternatives').inputValue(),
        hours: await p.getByTestId('hours').inputValue(),
        money: await cardNumber(p, 'main', 'roi-money'),
        avoided: await cardNumber(p, 'main', 'roi-avoided'),
        json: await p.locator('[data-testid="downloads"] a[data-format="json"]').getAttribute('href'),
      };
    };
    const r1 = await report(a.page);
    expect(r1.hours).toBe('2');
    const r2 = await fresh();
    await r2.page.goto(a.page.url());
    expect(await report(r2.page)).toEqual(r1);
    expect([...a.errors, ...b.errors, ...r2.errors]).toEqual([]);
    for (const c of [a, b, r2]) await c.context.close();
  }, 180_000);

  it('390 px: no page scrolls sideways, no two boxes overlap, no serious axe violation', async () => {
    const { context, page, errors } = await fresh(390);
    const pages: [string, string][] = [
      ['/', 'directory'],
      ['/add', 'track-form'],
      ['/watches', 'watch-form'],
      ['/compare', 'totals'],
      [`/resolved?image=${encodeURIComponent(WOLFI)}&from=2024-01-01&to=2024-12-31`, 'resolved-daily'],
      ['/report', 'roi-money'],
      [`${tagPage(WOLFI)}?tab=overview`, 'overview-total'],
      [`${tagPage(WOLFI)}?tab=vulnerabilities`, 'vulns-count'],
      [`${tagPage(WOLFI)}?tab=packages`, 'packages'],
      [`${tagPage(WOLFI)}?tab=history`, 'history'],
      [`${tagPage(WOLFI)}?tab=comparison`, 'bars-1'],
    ];
    for (const [path, wait] of pages) {
      await page.goto(`${server.url}${path}`);
      await page.getByTestId(wait).first().waitFor({ timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate('document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(390);
      expect(await overlaps(page), path).toEqual([]);
      expect(await axeViolations(page), path).toEqual([]);
      if (path === '/compare') await page.screenshot({ path: `${SHOTS}/compare-phone.png`, fullPage: true });
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});

/**
 * Pairs of visible boxes (text, controls, cards, charts) that overlap although neither holds the
 * other, and boxes that stick out of the screen's width outside a sideways-scrolling table.
 */
async function overlaps(page: Page): Promise<string[]> {
  // plain JavaScript run in the page (this file is typed without the DOM)
  return page.evaluate(`(() => {
    const sel = 'h1,h2,h3,p,button,input,select,label,a,canvas,.card,th,td,dt,dd,legend,.sev,.badge';
    const inScroller = (e) => e.closest('.table-wrap') !== null;
    const els = [...document.querySelectorAll(sel)].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden' && !e.closest('.visually,.skip');
    });
    const name = (e) =>
      e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ')[0] : '') +
      '"' + (e.textContent || '').trim().slice(0, 30) + '"';
    const out = [];
    const boxes = els.map((e) => ({ e, r: e.getBoundingClientRect() }));
    for (const { e, r } of boxes)
      if (!inScroller(e) && (r.right > window.innerWidth + 1 || r.left < -1)) out.push(name(e) + ' sticks out');
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
        if (inScroller(a.e) && inScroller(b.e)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 2 && h > 2) out.push(name(a.e) + ' × ' + name(b.e));
      }
    return out.slice(0, 20);
  })()`);
}
