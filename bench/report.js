// Benchmark of resolved and the ROI report (`npm run bench:report`), on the generated store of the
// history benchmark (1,200 images × 365 daily observations, a rebuild every week):
//  1. `resolved` of one image over a year, and the report's numbers (`roiReport`) for it: target
//     under 200 ms, printed against the bare SQL read of the same observations;
//  2. the HTML report of 10 images: target under 2 s;
//  3. the PDF of that report, browser start included: target under 5 s.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistoryStore } from '../dist/history/store/open.js';
import { resolved } from '../dist/history/resolved/resolved.js';
import { roiReport } from '../dist/history/resolved/roi-report.js';
import { renderRoiReport } from '../dist/report/roi/index.js';
import { generateStore } from './history-store.js';

const dir = mkdtempSync(join(tmpdir(), 'cleanroom-bench-report-'));
// no advisory DB in the user's data folder may take part: resolved by update only, as generated
process.env.XDG_DATA_HOME = dir;
const RUNS = 30;
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const p95 = (xs) => sorted(xs)[Math.ceil(xs.length * 0.95) - 1];
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;
const time = async (fn) => {
  const t = performance.now();
  const out = await fn();
  return [performance.now() - t, out];
};

try {
  console.log(`load average ${loadavg()[0].toFixed(2)}`);
  const store = join(dir, 'history.db');
  await (await openHistoryStore(store)).close();
  const rows = generateStore(store, 1200, 365);
  console.log(`generated ${rows} observations`);
  const range = { from: '2024-01-01', to: '2024-12-30', store, now: new Date('2025-01-01T00:00:00Z') };
  const raw = new Database(store, { readonly: true });
  const select = raw.prepare('SELECT * FROM observation WHERE image = ? AND tag = ?');
  const bare = [];
  const res = [];
  const resNow = [];
  const rep = [];
  const repNow = [];
  let resolvedCount = 0;
  for (let i = 0; i < RUNS; i++) {
    const a = `bench/image-${(i * 37) % 1200}`;
    bare.push((await time(() => select.all(a, 'latest')))[0]);
    const [t1, r] = await time(() => resolved([`${a}:latest`], range));
    res.push(t1);
    resNow.push((await time(() => resolved([`${a}:latest`], { ...range, lens: 'now' })))[0]);
    resolvedCount += r.images[0].total;
    rep.push((await time(() => roiReport([`${a}:latest`], { ...range, since: range.from })))[0]);
    repNow.push(
      (await time(() => roiReport([`${a}:latest`], { ...range, since: range.from, lens: 'now' })))[0],
    );
  }
  raw.close();
  const line = (label, xs) =>
    `${label}: p95 ${ms(p95(xs))}, median ${ms(median(xs))} (${(median(xs) / median(bare)).toFixed(1)}× the bare read of its observations, ${ms(median(bare))})`;
  console.log(
    `${line('resolved --lens then, one image over a year', res)} (target 200 ms; ${(resolvedCount / RUNS).toFixed(0)} resolutions on average)`,
  );
  console.log(`${line('resolved --lens now, one image over a year', resNow)} (target 200 ms)`);
  console.log(`${line("the report's numbers --lens then, one image over a year", rep)} (target 200 ms)`);
  console.log(`${line("the report's numbers --lens now, one image over a year", repNow)} (target 200 ms)`);

  const ten = Array.from({ length: 10 }, (_, i) => `bench/image-${i * 100}:latest`);
  const [tHtml, html] = await time(async () =>
    renderRoiReport(
      'html',
      await roiReport(ten.slice(0, 9), { ...range, since: range.from, alternatives: [ten[9]] }),
    ),
  );
  console.log(
    `HTML report of 10 images (9 + 1 alternative): ${ms(tHtml)}, ${(html.length / 1024).toFixed(0)} KB (target 2 s)`,
  );
  if (existsSync('/usr/bin/chromium')) {
    const [tPdf, pdf] = await time(async () =>
      renderRoiReport(
        'pdf',
        await roiReport(ten.slice(0, 9), { ...range, since: range.from, alternatives: [ten[9]] }),
      ),
    );
    console.log(
      `PDF of the same report, browser start included: ${ms(tPdf)}, ${(pdf.length / 1024).toFixed(0)} KB (target 5 s)`,
    );
  } else console.log('PDF: skipped, no /usr/bin/chromium');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
