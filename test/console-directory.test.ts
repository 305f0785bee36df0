/**
 * The console's Directory over a store of 300 tags (Debian's chromium, `cleanroom serve` as a real
 * process, the materialised series refreshed first): it renders a window of the rows, not all of
 * them, and scrolling brings the others in the server's order; a column header sorts on the server
 * (aria-sort says how); the search box, the dropdowns (each value with its count) and the lens
 * filter on the server; every choice is in the URL, and that URL opened in a fresh page shows the
 * same rows; at 390 px no sideways scroll; axe-core finds nothing serious.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAdvisoryDb } from '../src/advisory/db/reader.js';
import { refreshSeries } from '../src/history/materialise/refresh.js';
import { openHistoryStore } from '../src/history/store/open.js';
import { recordObservations } from '../src/history/store/write.js';
import type { NewObservation } from '../src/history/types.js';
import { getJson, startServer, type Server } from './api-helpers.js';
import { axeViolations, hasChromium, launch } from './console-helpers.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-console-directory-');
const TAGS = 300;
const REGISTRIES = ['docker.io', 'cgr.dev', 'quay.io'];
const DISTROS = [{ id: 'debian', versionId: '12' }, { id: 'wolfi' }, { id: 'alpine', versionId: '3.20' }];
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'] as const;
let server: Server;
let browser: Browser;
let page: Page;

// tag i: an image on one of three registries and distributions, i % 23 findings, observed twice
function observations(i: number, today: string, yesterday: string): NewObservation[] {
  const registry = REGISTRIES[i % 3]!;
  const image = `${registry === 'docker.io' ? '' : `${registry}/`}team/app-${String(i).padStart(3, '0')}`;
  const findings = Array.from(
    { length: i % 23 },
    (_, k) =>
      [
        `CVE-2024-${1000 + k}`,
        SEVERITIES[(i + k) % 5]!,
        k % 2 ? 'fixed' : 'not-fixed',
        `pkg${k}`,
        '1.0',
        k % 2 ? '1.1' : '',
      ] as const,
  );
  return [yesterday, today].map((day) => ({
    ref: { image, tag: 'latest' },
    digest: `sha256:${i.toString(16).padStart(64, '0')}`,
    digestKind: 'manifest',
    distro: DISTROS[i % 3]!,
    sizeBytes: 1_000_000 + i * 1000,
    observedAt: `${day}T06:00:00.000Z`,
    scannedAt: `${day}T06:00:00.000Z`,
    origin: 'import',
    findings: findings.map((f) => [...f]),
    suppressed: 0,
    scanner: { name: 'grype', version: '0.80.0' },
    db: { builtAt: null, feeds: {} },
  }));
}

beforeAll(async () => {
  if (!hasChromium) return;
  const db = await buildDb(tmp.dir, [{ feed: 'wolfi-advisories', path: fixture('wolfi-advisories') }]);
  const path = join(tmp.dir, 'history.db');
  const store = await openHistoryStore(path);
  const reader = await openAdvisoryDb(db);
  try {
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await recordObservations(
      store,
      Array.from({ length: TAGS }, (_, i) => observations(i, today, yesterday)).flat(),
    );
    await refreshSeries(store, reader);
  } finally {
    await reader.close();
    await store.close();
  }
  server = await startServer(['--store', path, '--db', db]);
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
  tmp.cleanup();
});

const api = async (query: string) => (await getJson(`${server.url}/api/tags?${query}`)).body;
const refsOf = (rows: { image: string; tag: string }[]) => rows.map((r) => `${r.image}:${r.tag}`);
const shownRefs = (p: Page = page) =>
  p
    .locator('[data-testid="directory"] tr[data-ref]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ref')));

describe.skipIf(!hasChromium)('the Directory of many tags', () => {
  it('renders a window of the rows; scrolling brings the rest, in the server order', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('tr[data-ref]').first().waitFor();
    const table = page.getByTestId('directory');
    expect(await table.getAttribute('aria-rowcount')).toBe(String(TAGS + 1));
    expect(await page.getByTestId('dir-count').innerText()).toBe(`${TAGS} of ${TAGS} tags`);
    const first = await shownRefs();
    // a window: a screen of rows and some overscan, not 300
    expect(first.length).toBeGreaterThan(10);
    expect(first.length).toBeLessThan(80);
    expect(first).toEqual(refsOf((await api('sort=name&limit=' + first.length)).rows));
    // to the end of the page: the last rows, fetched as the window reached them
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    await expect
      .poll(async () => (await shownRefs()).at(-1), { timeout: 30_000 })
      .toBe(refsOf((await api(`sort=name&offset=${TAGS - 1}&limit=1`)).rows)[0]);
    const last = await page.locator('tr[data-ref]').last().getAttribute('aria-rowindex');
    expect(last).toBe(String(TAGS + 1));
    const shown = await shownRefs();
    expect(shown.length).toBeLessThan(80);
    expect(shown).toEqual(
      refsOf((await api(`sort=name&offset=${TAGS - shown.length}&limit=${shown.length}`)).rows),
    );
    // the page is as tall as all the rows: the spacers stand for the others
    const rowHeight = await page
      .locator('tr[data-ref]')
      .first()
      .evaluate((r) => r.getBoundingClientRect().height);
    const tableHeight = await table.evaluate((t) => t.getBoundingClientRect().height);
    expect(Math.abs(tableHeight - (TAGS + 1) * rowHeight)).toBeLessThan(rowHeight * 2);
  }, 120_000);

  it('sorts by a column header on the server; aria-sort and the URL say how', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('tr[data-ref]').first().waitFor();
    const total = page.locator('th', { has: page.locator('button[data-sort="total"]') });
    expect(await total.getAttribute('aria-sort')).toBeNull();
    expect(await page.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    await page.locator('button[data-sort="total"]').click();
    await expect.poll(() => total.getAttribute('aria-sort')).toBe('descending');
    expect(new URL(page.url()).searchParams.get('sort')).toBe('total');
    const desc = refsOf((await api('sort=total&order=desc&limit=20')).rows);
    await expect.poll(async () => (await shownRefs()).slice(0, 20)).toEqual(desc);
    await page.locator('button[data-sort="total"]').click();
    await expect.poll(() => total.getAttribute('aria-sort')).toBe('ascending');
    expect(new URL(page.url()).searchParams.get('order')).toBe('asc');
    const asc = refsOf((await api('sort=total&order=asc&limit=20')).rows);
    await expect.poll(async () => (await shownRefs()).slice(0, 20)).toEqual(asc);
    expect(asc).not.toEqual(desc);
  }, 60_000);

  it('filters on the server: search, registry and distribution with counts, fixable, lens; all in the URL', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('tr[data-ref]').first().waitFor();
    // every registry and distribution of the store, with the tags each holds
    const options = await page
      .getByTestId('dir-registry')
      .locator('option')
      .evaluateAll((o) => o.map((e) => e.textContent));
    expect(options).toEqual(['all registries', 'cgr.dev (100)', 'docker.io (100)', 'quay.io (100)']);
    const distros = await page
      .getByTestId('dir-distro')
      .locator('option')
      .evaluateAll((o) => o.map((e) => e.textContent));
    expect(distros).toEqual(['all distributions', 'alpine 3.20 (100)', 'debian 12 (100)', 'wolfi (100)']);
    await page.getByTestId('dir-search').fill('app-01');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('app-01');
    const q = await api('q=app-01&sort=name&limit=50');
    expect(q.total).toBe(10); // app-010 … app-019
    await expect.poll(() => shownRefs()).toEqual(refsOf(q.rows));
    expect(await page.getByTestId('dir-count').innerText()).toBe(`${q.total} of ${TAGS} tags`);
    await page.getByTestId('dir-registry').selectOption('quay.io');
    const quay = await api('q=app-01&registry=quay.io&sort=name&limit=50');
    await expect.poll(() => shownRefs()).toEqual(refsOf(quay.rows));
    // the distribution's counts follow the search and the registry
    const counted = await page
      .getByTestId('dir-distro')
      .locator('option')
      .evaluateAll((o) => o.map((e) => e.textContent));
    const facets = (await api('q=app-01&registry=quay.io&facets=true&limit=1')).facets;
    expect(counted.slice(1)).toEqual(
      facets.distros.map((f: { value: string; count: number }) => `${f.value} (${f.count})`),
    );
    await page.getByTestId('dir-registry').selectOption('');
    await page.getByTestId('dir-distro').selectOption('wolfi');
    await page.getByTestId('dir-fixable').check();
    await page.getByRole('button', { name: 'as known now' }).click();
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: 'app-01',
      distro: 'wolfi',
      fixable: 'true',
      lens: 'now',
    });
    const wolfi = await api('q=app-01&distro=wolfi&fixableCritical=true&lens=now&sort=name&limit=50');
    expect(wolfi.total).toBeGreaterThan(0);
    await expect.poll(() => shownRefs()).toEqual(refsOf(wolfi.rows));
    // the URL in a fresh page: the same view
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await fresh.goto(`${url.toString()}&sort=total&order=asc`);
      await fresh.locator('tr[data-ref]').first().waitFor();
      expect(await fresh.getByTestId('dir-search').inputValue()).toBe('app-01');
      expect(await fresh.getByTestId('dir-distro').inputValue()).toBe('wolfi');
      expect(await fresh.getByTestId('dir-fixable').isChecked()).toBe(true);
      expect(await fresh.getByRole('button', { name: 'as known now' }).getAttribute('aria-pressed')).toBe(
        'true',
      );
      expect(await fresh.locator('th[aria-sort]').innerText()).toContain('total');
      expect(await fresh.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
      const same = await api(
        'q=app-01&distro=wolfi&fixableCritical=true&lens=now&sort=total&order=asc&limit=50',
      );
      expect(await shownRefs(fresh)).toEqual(refsOf(same.rows));
      expect(await axeViolations(fresh)).toEqual([]);
    } finally {
      await fresh.close();
    }
  }, 120_000);

  it('at 390 px: cards, windowed, no sideways scroll, axe clean', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    try {
      await phone.goto(`${server.url}/?sort=critical`);
      await phone.locator('tr[data-ref]').first().waitFor();
      expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      expect(await phone.locator('[data-testid="directory"] thead').isVisible()).toBe(false);
      // the sort the hidden headers offer, as a control of its own
      expect(await phone.getByTestId('dir-sort').inputValue()).toBe('critical desc');
      expect((await shownRefs(phone)).length).toBeLessThan(40);
      await phone.evaluate('window.scrollTo(0, document.documentElement.scrollHeight / 2)');
      await expect
        .poll(async () => Number(await phone.locator('tr[data-ref]').first().getAttribute('aria-rowindex')))
        .toBeGreaterThan(50);
      expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      expect(await axeViolations(phone)).toEqual([]);
    } finally {
      await phone.close();
    }
  }, 120_000);
});
