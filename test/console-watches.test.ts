/**
 * The console's Watches page on a private server, in Debian's chromium: the console's files load
 * without a token, the first API answer (401) asks for one, and with a read token the page lists
 * every watch with its last observation, and a watch whose run failed with the failure's reason,
 * as the scheduler recorded them (a real run: one archive observed, one missing file failed).
 * Run `npm run build` first.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../src/history/store/open.js';
import { createToken } from '../src/history/store/queries-tokens.js';
import { runDueWatchesLocally } from '../src/worker/local-scheduler.js';
import { addWatches, listWatches } from '../src/worker/watches.js';
import { startServer, type Server } from './api-helpers.js';
import { axeViolations, hasChromium, launch } from './console-helpers.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';

const SHOTS = resolve(import.meta.dirname, '../docs/screenshots');
const tmp = tempDir('cleanroom-console-watches-');
const store = join(tmp.dir, 'history.db');
const missing = join(tmp.dir, 'deleted-tag.tar');
let server: Server;
let browser: Browser | undefined;
let token: string;

beforeAll(async () => {
  const db = await buildDb(tmp.dir, [{ feed: 'alpine-secdb', path: fixture('alpine-secdb') }]);
  await addWatches(['alpine:3.9'], { source: fixture('images', 'alpine-3.9.4.docker.tar.gz'), store });
  await addWatches(['team/app:broken'], { source: missing, store, everySeconds: 6 * 3600 });
  await addWatches(['team/app:next'], { source: missing, store, everySeconds: 7 * 86_400 });
  // one real round of the scheduler, no retries: the archive observed, the missing file failed
  const round = await runDueWatchesLocally({ store, db, maxAttempts: 1 }, new Date('2026-11-28T08:00:00Z'));
  expect(round).toEqual({ observed: 1, failed: 2 });
  // a watch added after the round has not run yet
  await addWatches(['team/app:later'], { source: missing, store });
  const s = await openHistoryStore(store);
  token = (await createToken(s, 'read', 'console test')).token;
  await s.close();
  server = await startServer(['--store', store, '--db', db, '--private']);
  if (hasChromium) browser = await launch();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  expect(await server?.stop()).toBe(0);
  tmp.cleanup();
});

describe.skipIf(!hasChromium)('console: watches on a private server', () => {
  it('asks for a token, then shows every watch, its last observation and its failure', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${server.url}/watches`);
    // the console loaded (its files need no token) and the API's 401 became the token form
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Use token' }).click();
    const rows = page.locator('[data-testid="watches"] tbody tr');
    await rows.first().waitFor();
    const watches = await listWatches({ store });
    expect(await rows.count()).toBe(watches.length);
    expect(await page.getByTestId('watch-summary').textContent()).toBe('4 watches, 2 failing');
    const ok = page.locator('tr[data-ref="alpine:3.9"]');
    expect(await ok.getAttribute('data-failing')).toBe('false');
    expect(await ok.textContent()).toContain('2026-11-28 08:00 UTC');
    const broken = page.locator('tr[data-ref="team/app:broken"]');
    expect(await broken.getAttribute('data-failing')).toBe('true');
    const reason = watches.find((w) => w.ref === 'team/app:broken')!.lastError!;
    expect(reason).toContain('deleted-tag.tar');
    expect(await broken.textContent()).toContain(reason);
    expect(await broken.textContent()).toContain('6h');
    expect(await page.locator('tr[data-ref="team/app:next"]').textContent()).toContain('7d');
    expect(await page.locator('tr[data-ref="team/app:later"]').textContent()).toContain(
      'waiting for its first run',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/watches.png`, fullPage: true });
    await page.close();
  }, 120_000);

  it('downloads carry the token on a private server (a plain link could not)', async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/watches`);
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.locator('[data-testid="watches"]').waitFor();
    await page.getByRole('link', { name: 'alpine:3.9' }).click();
    await page.getByRole('tab', { name: 'Packages' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('sbom-cyclonedx').click(),
    ]);
    expect(download.suggestedFilename()).toBe('alpine_3.9.cyclonedx.json');
    const bom = JSON.parse(readFileSync(await download.path(), 'utf8')) as { bomFormat: string };
    expect(bom.bomFormat).toBe('CycloneDX');
    // the same link without the token is refused: the server is private
    const href = await page.getByTestId('sbom-cyclonedx').getAttribute('href');
    expect((await fetch(`${server.url}${href}`)).status).toBe(401);
    await context.close();
  }, 120_000);

  it('a refused token asks again, naming why', async () => {
    const page = await browser!.newPage();
    await page.goto(`${server.url}/watches`);
    await page.getByLabel('API token').fill('crt_000000000000_forged');
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.getByText('The token given was refused').waitFor();
    // the token form, among the page's forms (adding a watch is one too)
    expect(await page.locator('form', { hasText: 'The token given was refused' }).textContent()).toContain(
      'unknown or revoked',
    );
    await page.close();
  }, 60_000);
});
