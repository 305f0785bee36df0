/* global document, location, HTMLInputElement, requestAnimationFrame */
// bench:web's Directory figures (bench/web.js): the first rows and the filter latency in headless
// Chromium, each beside a baseline measured in the same run, and the generated store of 1,200 tags
// they are measured on besides the demo.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAdvisoryDb } from '../dist/advisory/db/build.js';
import { openAdvisoryDb } from '../dist/advisory/db/reader.js';
import { refreshSeries } from '../dist/history/materialise/refresh.js';
import { openHistoryStore } from '../dist/history/store/open.js';
import { fixtures } from './fixture-sources.js';
import { generateStore } from './history-store.js';

const ROOT = new URL('..', import.meta.url).pathname;
const DAYS = 365;
// a run sorts by its own column, so neither its page nor its baseline is an answer the server kept
const SORTS = [
  'name',
  'total',
  'critical',
  'high',
  'medium',
  'low',
  'fixable',
  'size',
  'packages',
  'updated',
];
const ms = (n) => `${n.toFixed(0)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (n) => `${(n / 1000).toFixed(1)} s`;

/** A store of `tags` tags × 365 days with its materialised series, served on a free port. */
export async function generatedDirectory(tags) {
  const dir = mkdtempSync(join(tmpdir(), 'cleanroom-bench-web-dir-'));
  const db = join(dir, 'advisory.db');
  const store = join(dir, 'history.db');
  let t = performance.now();
  await buildAdvisoryDb({
    sources: [{ feed: 'wolfi-advisories', path: join(fixtures, 'wolfi-advisories') }],
    out: db,
  });
  await (await openHistoryStore(store)).close();
  const observations = generateStore(store, tags, DAYS);
  const generated = performance.now() - t;
  t = performance.now();
  const history = await openHistoryStore(store);
  const reader = await openAdvisoryDb(db);
  const refreshed = await refreshSeries(history, reader);
  await reader.close();
  await history.close();
  console.log(
    `generated store: ${tags} tags × ${DAYS} days (${observations} observations) in ${s(generated)}, ` +
      `its materialised series (${refreshed.tags.computed.length} tags) in ${s(performance.now() - t)}`,
  );
  const args = ['serve', '--store', store, '--db', db, '--port', '0', '--refresh-every', '0'];
  const server = spawn(process.execPath, [join(ROOT, 'bin/cleanroom.js'), ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise((ok, fail) => {
    let err = '';
    server.stderr.on('data', (d) => {
      err += d;
      const m = /serving on (\S+)/.exec(err);
      if (m) ok(m[1]);
    });
    server.once('exit', (code) => fail(new Error(`serve exited ${code}: ${err}`)));
  });
  return {
    url,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((ok) => (server.exitCode === null ? server.once('exit', ok) : ok()));
      if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Prints the Directory's first rows and filter latency over the server at `base`. */
export async function directoryFigures(browser, base, { runs, search }) {
  const firstRows = [];
  const apiFirst = [];
  const shell = [];
  const filter = [];
  const typed = [];
  const apiFilter = [];
  let tags = 0;
  const first = SORTS.map((x) => (x === 'name' ? 'asc' : 'desc'));
  const reversed = (k) => (first[k] === 'asc' ? 'desc' : 'asc');
  for (let run = 0; run < runs; run++) {
    const k = run % SORTS.length;
    const sort = SORTS[k];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    let t = performance.now();
    await page.goto(`${base}/no-such-page-${run}`);
    await page.locator('h1').waitFor();
    shell.push(performance.now() - t);
    await page.waitForLoadState('networkidle');
    // the baseline: the page's first answer alone (the same sort in the other order: computed too)
    const api = (q) =>
      `/api/tags?recent=30&sort=${sort}&order=${reversed(k)}${q}&offset=0&limit=50&facets=true`;
    const alone = await fetchAlone(page, api(''));
    apiFirst.push(alone.ms);
    tags = alone.body.facets.tags;
    t = performance.now();
    await page.goto(`${base}/${sort === 'name' ? '' : `?sort=${sort}`}`);
    await page.locator('tr[data-ref]').first().waitFor({ timeout: 60_000 });
    firstRows.push(performance.now() - t);
    await page.waitForLoadState('networkidle');
    // a search text until only matching rows show, timed in the page from the input event (as a
    // key press reaches it) to the frame that shows the filtered rows: pasted (one input: the box
    // asks at once), and typed a key every 60 ms (the box asks 150 ms after the last key), from the
    // last key. Another text for each: an answer already read is kept by the page and the server.
    const text = search[run % search.length];
    filter.push(await typeInPage(page, [text]));
    await page.getByTestId('dir-search').fill('');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('q'));
    await page.waitForLoadState('networkidle');
    const other = search[(run + 1) % search.length];
    typed.push(
      await typeInPage(
        page,
        [...other].map((_, i) => other.slice(0, i + 1)),
      ),
    );
    apiFilter.push((await fetchAlone(page, api(`&q=${encodeURIComponent(text)}`))).ms);
    await context.close();
  }
  const f = median(firstRows);
  const a = median(apiFirst);
  console.log(
    `Directory of ${tags.toLocaleString('en')} tags, first rows: ${ms(f)} (target < 1000 ms); baselines: ` +
      `its API answer alone (50 rows, 30-day sparklines, facets) ${ms(a)}, the console shell alone ${ms(median(shell))}`,
  );
  console.log(
    `Directory of ${tags.toLocaleString('en')} tags, filter to the filtered rows shown: pasted ${ms(median(filter))} ` +
      `(target < 200 ms), typed ${ms(median(typed))} from the last key (the box waits 80 ms after it); ` +
      `baseline: that filter's API answer alone ${ms(median(apiFilter))}`,
  );
  console.log(
    `  (medians of ${runs} runs; each run: first rows ${firstRows.map(ms).join(', ')} / pasted ${filter.map(ms).join(', ')} / typed ${typed.map(ms).join(', ')})`,
  );
}

// sets the search box to each value in turn (an input event each, 60 ms apart, as React sees a key),
// then waits, frame by frame, until the table shows only rows matching the last value: the time
// from the last input event to that frame
function typeInPage(page, values) {
  return page.evaluate(async (values) => {
    const box = document.querySelector('[data-testid="dir-search"]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const input = (v) => {
      setValue.call(box, v);
      box.dispatchEvent(new Event('input', { bubbles: true }));
    };
    for (const v of values.slice(0, -1)) {
      input(v);
      await new Promise((ok) => setTimeout(ok, 60));
    }
    const q = values.at(-1).toLowerCase();
    // the rows shown must be the answer to this text (not a prefix's that happens to match it)
    const t = performance.now();
    input(values.at(-1));
    for (;;) {
      await new Promise((ok) => requestAnimationFrame(ok));
      const body = document.querySelector('.directory-body');
      const rows = [...document.querySelectorAll('tr[data-ref]')];
      if (
        body?.getAttribute('aria-busy') === 'false' &&
        new URLSearchParams(body.dataset.query.split('?')[1]).get('q') === values.at(-1) &&
        rows.length > 0 &&
        rows.every((r) => r.dataset.ref.toLowerCase().includes(q))
      )
        return performance.now() - t;
      if (performance.now() - t > 60_000) throw new Error(`the rows of ${q} never showed`);
    }
  }, values);
}

// the API alone, fetched by a page of the console (same origin, same browser), without HTTP cache
function fetchAlone(page, path) {
  return page.evaluate(async (p) => {
    const t = performance.now();
    const r = await fetch(p, { cache: 'no-store' });
    const body = await r.json();
    return { ms: performance.now() - t, body };
  }, path);
}
