/**
 * The image page's Alternatives tab, end to end: `cleanroom suggest --track app:1` of a real
 * Debian image (make-debian-image.sh's python3 + python3-requests plus /app/main.py), with a known
 * counterpart in a registry this machine reaches (docker-registry on 127.0.0.1) and one it does
 * not, stores the suggestion; `cleanroom serve` answers it at /suggestion (a read: no image is
 * built on a GET) and its cleanroom.yaml; in Debian's chromium the tab shows the numbers the CLI
 * printed (packages, size, CVEs by severity for both images and the counterpart, the year, the
 * hours and money, what was left out), downloads the image file, and opens Compare of the two tags
 * in one click; a tag with no suggestion says how to make one. The screenshot is kept for review.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  gunzipTo,
  push,
  startRegistry,
  type TestRegistry,
} from '../src/image/registry/__fixtures__/registry-harness.js';
import { BUILD_CACHE_HOME, runCliEnv } from './build-helpers.js';
import { axeViolations, hasChromium, launch } from './console-helpers.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';
import { canSuggest, debianImage, withApplication } from './suggest-helpers.js';

const ROOT = resolve(import.meta.dirname, '..');
const tmp = tempDir('cleanroom-console-alternatives-');
/** where the screenshots are kept after the run, to look at */
const SHOTS = join(tmpdir(), 'cleanroom-console-alternatives-shots');
const ALPINE = fixture('images', 'alpine-3.9.4.docker.tar.gz');

interface SideJson {
  packages: number;
  sizeBytes: number;
  today: { total: number; bySeverity: Record<string, number> };
  lastYear?: { accumulated: number };
}
interface SuggestJson {
  packages: { name: string; declared: boolean }[];
  leftOut: string[];
  files: { imageFile: string };
  proof: {
    original: SideJson;
    suggested: SideJson;
    avoided: { today: { cves: number; hours: number; money: number } };
  };
  counterparts: { ref: string; proof?: SideJson; unreachable?: string }[];
}

let registry: TestRegistry;
let server: { url: string; stop(): Promise<number | null> };
let browser: Browser;
let page: Page;
let result: SuggestJson;
let store: string;
let counterpart: string;
let closed: string;

/** `cleanroom serve` on a free port of 127.0.0.1 over the store and DB. */
async function serve(args: string[]) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/cleanroom.js'), 'serve', '--port', String(port), ...args],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  await new Promise<void>((ok, fail) => {
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (err.includes('serving on')) ok();
    });
    void exited.then((code) => fail(new Error(`serve exited ${code}: ${err}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

const api = async (path: string) => {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe.skipIf(!canSuggest || !hasChromium)('the Alternatives tab over a stored suggestion', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const base = join(tmp.dir, 'debian');
    debianImage(base, 'bookworm', 'python3,python3-requests');
    const app = join(tmp.dir, 'app');
    mkdirSync(join(app, 'app'), { recursive: true });
    writeFileSync(
      join(app, 'app', 'main.py'),
      'import ssl\nimport requests\nprint("requests", requests.__version__, ssl.OPENSSL_VERSION)\n',
    );
    const image = withApplication(base, app, join(tmp.dir, 'app.oci.tar'), {
      entrypoint: ['python3', '/app/main.py'],
    });
    const db = await buildDb(
      tmp.dir,
      [
        { feed: 'osv', path: fixture('history', 'debian', 'osv') },
        { feed: 'osv', path: fixture('peer', 'trivy', 'osv') },
      ],
      'advisory.db',
    );
    registry = await startRegistry();
    await push(
      `docker-archive:${await gunzipTo(ALPINE, tmp.dir, 'alpine.tar')}`,
      registry.host,
      'alpine:3.9',
    );
    counterpart = `${registry.host}/alpine:3.9`;
    closed = `127.0.0.1:${await freePort()}/python:3-slim`;
    store = join(tmp.dir, 'history.db');
    const env = { XDG_CACHE_HOME: BUILD_CACHE_HOME, XDG_CONFIG_HOME: join(tmp.dir, 'config') };
    const run = await runCliEnv(
      [
        'suggest',
        image,
        '--output',
        join(tmp.dir, 'out'),
        '--db',
        db,
        '--store',
        store,
        '--check',
        'python3 /app/main.py',
        '--track',
        'app:1',
        '--counterpart',
        counterpart,
        '--counterpart',
        closed,
        '--plain-http',
        '--format',
        'json',
      ],
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    result = JSON.parse(run.stdout) as SuggestJson;
    // a tag tracked without a suggestion, for the empty state
    const tracked = await runCliEnv(
      ['track', ALPINE, '--as', 'alpine:3.9', '--store', store, '--db', db],
      env,
    );
    expect(tracked.code).toBe(0);
    server = await serve(['--store', store, '--db', db]);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  }, 1_200_000);
  afterAll(async () => {
    await browser?.close();
    if (server) expect(await server.stop()).toBe(0);
    await registry?.stop();
    tmp.cleanup();
  });

  it('compares the reachable counterpart beside the suggestion and says in one line why not the other', () => {
    const [reached, unreachable] = result.counterparts;
    expect(reached).toMatchObject({ ref: counterpart, proof: { distro: 'alpine 3.9.4' } });
    expect(reached!.proof!.packages).toBeGreaterThan(0);
    expect(reached!.proof!.today.total).toBeGreaterThan(0);
    expect(unreachable).toMatchObject({ ref: closed });
    expect(unreachable!.unreachable).toMatch(/^cannot reach registry 127\.0\.0\.1:\d+/);
  });

  it('serves the stored suggestion on a read route, for the original and for the tag it was built as', async () => {
    const original = await api('/api/images/app/tags/1/suggestion');
    expect(original.status).toBe(200);
    expect(original.body).toMatchObject({
      role: 'original',
      original: 'app:1',
      suggested: 'app:1-cleanroom',
      suggestion: { proof: result.proof, leftOut: result.leftOut, counterparts: result.counterparts },
    });
    const suggested = await api('/api/images/app/tags/1-cleanroom/suggestion');
    expect(suggested.body).toMatchObject({ role: 'suggested', original: 'app:1' });
    const none = await api('/api/images/alpine/tags/3.9/suggestion');
    expect(none.body).toMatchObject({ suggestion: null, role: null });
    expect(none.body.make).toMatch(/^cleanroom suggest SOURCE .*--track alpine:3\.9$/);
    expect((await api('/api/images/app/tags/2/suggestion')).status).toBe(404);
    const yaml = await fetch(`${server.url}/api/images/app/tags/1/suggestion/cleanroom.yaml`);
    expect(yaml.status).toBe(200);
    expect(await yaml.text()).toBe(readFileSync(result.files.imageFile, 'utf8'));
    const spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: object };
    expect(Object.keys(spec.paths)).toContain('/api/images/{image}/tags/{tag}/suggestion');
  });

  it('shows the numbers of both images and the counterpart, the year, the money and what was left out', async () => {
    await page.goto(`${server.url}/image/app/1?tab=alternatives`);
    const table = page.locator('[data-testid="alternatives-table"]');
    await table.waitFor();
    const cells = async (row: string) =>
      (await table.locator(`[data-testid="row-${row}"] td`).allInnerTexts()).map((t) => t.trim());
    const p = result.proof;
    const reached = result.counterparts[0]!.proof!;
    expect(await cells('packages')).toEqual(
      [p.original, p.suggested, reached].map((x) => String(x.packages)),
    );
    expect(await cells('today')).toEqual(
      [p.original, p.suggested, reached].map((x) => x.today.total.toLocaleString('en')),
    );
    for (const sev of ['critical', 'high', 'medium', 'low', 'unknown'])
      expect(await cells(sev)).toEqual(
        [p.original, p.suggested, reached].map((x) => String(x.today.bySeverity[sev])),
      );
    const year = await cells('year');
    expect(year.slice(0, 2)).toEqual(
      [p.original, p.suggested].map((x) => (x.lastYear ? x.lastYear.accumulated.toLocaleString('en') : '—')),
    );
    expect(await table.locator('thead').innerText()).toContain(counterpart);
    const avoided = p.avoided.today;
    await expect
      .poll(() => page.locator('[data-testid="alternatives-avoided"]').innerText())
      .toContain(
        `${avoided.cves.toLocaleString('en')} CVEs, ${avoided.hours.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} hours, ${avoided.money.toLocaleString('en')} USD`,
      );
    const leftOut = await page.locator('[data-testid="alternatives-left-out"]').innerText();
    expect(leftOut).toContain(`Left out (${result.leftOut.length})`);
    for (const name of ['dash', 'apt']) expect(leftOut).toContain(name);
    expect(leftOut).toMatch(/the original runs as root; the suggestion runs as nonroot/);
    expect(await page.locator('[data-testid="alternatives-check"]').innerText()).toContain(
      '"python3 /app/main.py" ran in the built image as uid 65532',
    );
    const lines = await page.locator('[data-testid="counterpart-unreachable"]').allInnerTexts();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^${closed.replace(/[.]/g, '\\.')} \\(given with --counterpart\\): not compared: cannot reach registry`,
      ),
    );
    const declared = await page.locator('[data-testid="alternatives-packages"] tbody tr').count();
    expect(declared).toBe(result.packages.filter((x) => x.declared).length);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'alternatives.png'), fullPage: true });
  }, 120_000);

  it('downloads the image file and links the ROI report of switching (file and Report page), with the two tags', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="alternatives-image-file"]').click(),
    ]);
    const saved = join(tmp.dir, 'downloaded.yaml');
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toBe(readFileSync(result.files.imageFile, 'utf8'));
    copyFileSync(saved, join(SHOTS, 'cleanroom.yaml'));
    const href = (await page.locator('[data-testid="alternatives-report"]').getAttribute('href'))!;
    const q = new URL(href, server.url).searchParams;
    expect([q.get('images'), q.get('alternatives'), q.get('format')]).toEqual([
      'app:1-cleanroom',
      'app:1',
      'html',
    ]);
    const report = await fetch(new URL(href, server.url));
    expect(report.status).toBe(200);
    const html = await report.text();
    expect(html).toContain('app:1-cleanroom');
    // the Report page with the same images, alternatives and range in its URL
    const open = (await page.getByRole('link', { name: 'Open in Report' }).getAttribute('href'))!;
    const r = new URL(open, server.url);
    expect(r.pathname).toBe('/report');
    expect(Object.fromEntries(r.searchParams)).toEqual({
      images: 'app:1-cleanroom',
      alternatives: 'app:1',
      from: q.get('from'),
      to: q.get('to'),
    });
  }, 120_000);

  it('opens Compare of the original and the suggestion in one click', async () => {
    await page.getByRole('link', { name: 'Compare the two tags' }).click();
    await page.waitForURL(/\/compare\?/);
    const q = new URL(page.url()).searchParams;
    expect(q.get('images')).toBe('app:1,app:1-cleanroom');
    await page.getByText('app:1-cleanroom').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'alternatives-compare.png'), fullPage: true });
  }, 120_000);

  it('says how to make a suggestion for a tag that has none, without an error', async () => {
    await page.goto(`${server.url}/image/alpine/3.9?tab=alternatives`);
    const empty = page.locator('[data-testid="alternatives-empty"]');
    await empty.waitFor();
    expect(await empty.innerText()).toContain('No suggestion stored for alpine:3.9');
    expect(await page.locator('[data-testid="alternatives-command"]').innerText()).toMatch(
      /cleanroom suggest SOURCE --check "CMD" --track alpine:3\.9/,
    );
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'alternatives-empty.png'), fullPage: true });
  }, 60_000);
});
