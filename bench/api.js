// bench:api: `cleanroom serve` over the history benchmark's generated store (1,200 images × 365
// days, bench/history-store.js), loaded with autocannon from this second process on 127.0.0.1 at
// 50 concurrent clients: history and compare next to /api/health, the same-run baseline; the
// server without its answer cache, with it, and (BENCH_BASELINE=DIR) an older checkout.
// Target (issue 12): p95 under 50 ms for history and compare.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistoryStore } from '../dist/history/store/open.js';
import { generateStore } from './history-store.js';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 1200);
const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'cleanroom-bench-api-'));
const store = join(dir, 'history.db');
await (await openHistoryStore(store)).close();
const t0 = performance.now();
const rows = generateStore(store, IMAGES, DAYS);
console.log(
  `store: ${IMAGES} images × ${DAYS} days, ${rows} observations in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const port = await new Promise((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => ok(p));
  });
});
const img = (i) => `/api/images/${encodeURIComponent(`bench/image-${i}`)}/tags/latest`;
// a different image per request, so no ETag serves a repeat; the 1,200 images come round every
// 1,200 requests, so the server's answer cache does (measured with and without it)
let n = 0;
const scenarios = [
  ['health (baseline)', () => '/api/health'],
  ['history, 30 days', () => `${img(n++ % IMAGES)}/history?from=2024-12-01&to=2024-12-30`],
  ['history, 365 days', () => `${img(n++ % IMAGES)}/history?from=2024-01-01&to=2024-12-30`],
  [
    'compare 2 images, 30 days',
    () =>
      `/api/compare?images=bench/image-${n++ % IMAGES}:latest,bench/image-${n++ % IMAGES}:latest&from=2024-12-01&to=2024-12-30`,
  ],
];
// each server in turn: this build without its answer cache (every request computed), this build,
// and BENCH_BASELINE (another checkout, built) for a before/after in the same run
const servers = [
  ['this build, --cache-mb 0', 'bin/cleanroom.js', ['--cache-mb', '0']],
  ['this build', 'bin/cleanroom.js', []],
];
if (process.env.BENCH_BASELINE)
  servers.unshift([
    'baseline ' + process.env.BENCH_BASELINE,
    join(process.env.BENCH_BASELINE, 'bin/cleanroom.js'),
    [],
  ]);
console.log(`autocannon: 50 connections, ${SECONDS} s each, 127.0.0.1`);
for (const [label, bin, extra] of servers) {
  const child = spawn(
    process.execPath,
    [bin, 'serve', '--store', store, '--db', join(dir, 'none.db'), '--port', String(port), ...extra],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await new Promise((ok) => child.stderr.on('data', (d) => String(d).includes('serving on') && ok()));
  console.log(`\n${label}`);
  console.log(
    'route'.padEnd(30),
    'req/s'.padStart(8),
    'p50'.padStart(6),
    'p95'.padStart(6),
    'p99'.padStart(6),
    ' (ms)',
  );
  for (const [name, path] of scenarios) await measure(`http://127.0.0.1:${port}`, name, path);
  child.kill('SIGTERM');
  await new Promise((ok) => child.once('exit', ok));
}
rmSync(dir, { recursive: true, force: true });

async function measure(base, name, path) {
  // autocannon's percentiles skip p95: every response time is kept and ranked here
  const times = [];
  const run = autocannon({
    url: base,
    connections: 50,
    duration: SECONDS,
    requests: [{ setupRequest: (req) => ({ ...req, path: path() }) }],
  });
  run.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  const r = await run;
  times.sort((x, y) => x - y);
  const pct = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)].toFixed(1);
  console.log(
    name.padEnd(30),
    String(Math.round(r.requests.average)).padStart(8),
    pct(50).padStart(6),
    pct(95).padStart(6),
    pct(99).padStart(6),
    r.non2xx ? ` non-2xx: ${r.non2xx}` : '',
  );
}
