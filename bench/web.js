/* global document */
// bench:web: the console as a user gets it (issue 13), each figure beside a baseline measured in
// the same run on the same machine:
// - the console's JavaScript, gzipped, in total and what the first page (the Directory) loads,
//   against the 400 KB budget;
// - the first render of Compare with a year of two images (the demo store: the Wolfi python image
//   and the Debian python image, as rebuilt, over 2024) in headless Chromium on 127.0.0.1, from
//   navigation to every chart drawn, against the API answer alone (the same URL fetched by the
//   page); target under 1 s;
// - the redraw after switching a counting rule (per package), from the click to every chart drawn
//   again, against that rule's API answer alone; target under 200 ms.
// - the Directory's first rows, from navigation to the first row drawn, over the demo store (4 tags)
//   and over a generated store of 1,200 tags × 365 days (bench/history-store.js, its materialised
//   series refreshed before it is served), against the page's own API answer alone and the console
//   shell alone; target under 1 s. Each run sorts by another column, so the server computes it;
// - the Directory's filter: a search text typed into the box until the table shows exactly the
//   matching rows (the box waits 80 ms after the last key before it asks the server), against that
//   filter's API answer alone; target under 200 ms.
// Medians of BENCH_RUNS (default 5) runs. Needs `npm run build` (bench:web runs it) and Chromium.
// BENCH_WEB_TAGS changes the size of the generated store (default 1200).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../dist/report/roi/pdf.js';
import { directoryFigures, generatedDirectory } from './web-directory.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROOT = new URL('..', import.meta.url).pathname;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(0)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

// 1. the JavaScript, gzipped (level 9, as a server would send it once compressed)
const assets = join(ROOT, 'dist/console/assets');
const gz = Object.fromEntries(
  readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => [f, gzipSync(readFileSync(join(assets, f)), { level: 9 }).length]),
);
const total = Object.values(gz).reduce((a, b) => a + b, 0);
console.log(
  `console JS: ${kb(total)} gzipped in ${Object.keys(gz).length} files; budget 400 KB: ${(total / (400 * 1024)).toFixed(2)} of it`,
);

// the demo store, served by `cleanroom demo` on a free port of 127.0.0.1
const dir = mkdtempSync(join(tmpdir(), 'cleanroom-bench-web-'));
const port = await new Promise((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => ok(p));
  });
});
const server = spawn(
  process.execPath,
  [join(ROOT, 'bin/cleanroom.js'), 'demo', '--dir', dir, '--port', String(port)],
  { stdio: ['ignore', 'ignore', 'pipe'] },
);
await new Promise((ok, fail) => {
  let err = '';
  server.stderr.on('data', (c) => {
    err += c;
    if (err.includes('serving on')) ok();
  });
  server.once('exit', (code) => fail(new Error(`demo exited ${code}: ${err}`)));
});
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({
  executablePath: process.env.CLEANROOM_CHROMIUM ?? '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS],
});

try {
  const images = 'cgr.dev/chainguard/python:latest,debian/python:bookworm';
  // a year of days; each run asks for a year no earlier run asked for (shifted by days), so the
  // server computes it (cold) unless the run asks for a kept answer on purpose (warm)
  const shifted = (n) => {
    const day = (d) => new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10);
    return `from=${day('2024-01-01')}&to=${day('2024-12-31')}`;
  };
  const pagePath = (n) => `/compare?images=${encodeURIComponent(images)}&${shifted(n)}`;
  const apiPath = (n, rule = '') =>
    `/api/compare?images=${encodeURIComponent(images)}&${shifted(n)}&replay=true${rule}`;
  const CHARTS = 4; // two severity charts, totals, cumulative

  // what the first page loads: the files the Directory fetched
  {
    const page = await browser.newPage();
    const js = new Set();
    page.on('response', (r) => r.url().endsWith('.js') && js.add(r.url().split('/').pop()));
    await page.goto(`${base}/`);
    await page.locator('[data-testid="directory"]').waitFor();
    await page.close();
    const first = [...js].reduce((n, f) => n + (gz[f] ?? 0), 0);
    console.log(`  of which the Directory loads ${kb(first)} (${js.size} files); charts load on demand`);
  }

  const drawnAll = (page, after = 0) =>
    page.waitForFunction(
      ([n, after]) => {
        const charts = [...document.querySelectorAll('.chart[data-drawn]')];
        return charts.length === n && charts.every((c) => Number(c.dataset.drawn) > after);
      },
      [CHARTS, after],
      { timeout: 60_000, polling: 'raf' },
    );
  const maxDrawn = (page) =>
    page.evaluate(() =>
      Math.max(...[...document.querySelectorAll('.chart')].map((c) => Number(c.dataset.drawn))),
    );
  // the API alone, fetched by a page of the console (same origin, same browser), without HTTP cache
  const fetchAlone = (page, path) =>
    page.evaluate(async (p) => {
      const t = performance.now();
      const r = await fetch(p, { cache: 'no-store' });
      await r.json();
      return performance.now() - t;
    }, path);

  const first = [];
  const warm = [];
  const apiFirst = [];
  const apiKept = [];
  const blank = [];
  const switched = [];
  const apiRule = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    let t = performance.now();
    await page.goto(`${base}/no-such-page-${run}`);
    await page.locator('h1').waitFor();
    blank.push(performance.now() - t);
    await page.waitForLoadState('networkidle'); // the Directory's own reads done
    // the baseline: the API answer alone, computed (a year asked for the first time) and kept
    apiFirst.push(await fetchAlone(page, apiPath(100 + run)));
    apiKept.push(await fetchAlone(page, apiPath(100 + run)));
    t = performance.now();
    await page.goto(`${base}${pagePath(run)}`);
    await drawnAll(page);
    first.push(performance.now() - t);
    apiRule.push(await fetchAlone(page, apiPath(run, '&countBy=package')));
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(2500);
    const before = await maxDrawn(page);
    t = performance.now();
    await page.getByRole('button', { name: 'per package' }).click();
    await drawnAll(page, before);
    switched.push(performance.now() - t);
    // the same comparison opened again in a fresh page: the server answers from what it kept
    const again = await context.newPage();
    t = performance.now();
    await again.goto(`${base}${pagePath(run)}`);
    await drawnAll(again);
    warm.push(performance.now() - t);
    await context.close();
  }
  const f = median(first);
  const a = median(apiFirst);
  const s = median(switched);
  const r = median(apiRule);
  console.log(
    `Compare first render, a year of two images, the answer computed: ${ms(f)} (target < 1000 ms); baselines: that API answer alone ${ms(a)} (render ${(f / a).toFixed(2)}× it), the console shell alone ${ms(median(blank))}`,
  );
  console.log(
    `Compare first render, the answer kept by the server (another visit of the same comparison): ${ms(median(warm))}; the kept API answer alone ${ms(median(apiKept))}`,
  );
  console.log(
    `rule switch (per package) to every chart redrawn: ${ms(s)} (target < 200 ms); baseline: that rule's API answer alone ${ms(r)} (switch ${(s / r).toFixed(2)}× it: the page read it ahead)`,
  );
  console.log(
    `(medians of ${RUNS} runs; each run: computed ${first.map(ms).join(', ')} / kept ${warm.map(ms).join(', ')} / switch ${switched.map(ms).join(', ')})`,
  );
  // the Directory: the demo's 4 tags, then a generated store of 1,200
  await directoryFigures(browser, base, {
    runs: RUNS,
    search: ['python', 'debian', 'chainguard', 'bookworm', 'cleanroom'],
  });
  const generated = await generatedDirectory(Number(process.env.BENCH_WEB_TAGS ?? 1200));
  try {
    await directoryFigures(browser, generated.url, {
      runs: RUNS,
      search: ['image-11', 'image-52', 'image-7', 'image-30', 'image-99', 'image-4', 'image-108'],
    });
  } finally {
    await generated.stop();
  }
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (total > 400 * 1024) process.exitCode = 1;
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((ok) => (server.exitCode === null ? server.once('exit', ok) : ok()));
  rmSync(dir, { recursive: true, force: true });
}
