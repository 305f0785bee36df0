// Benchmark of the advisory DB (`npm run bench:db`): build from every advisory fixture, then
// 10,000 lookups by (ecosystem, package). Each number is printed next to a baseline measured in
// the same run on the same machine, so the ratio means something even on a busy host.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildAdvisoryDb } from '../dist/advisory/db/build.js';
import { registeredFeeds } from '../dist/advisory/db/feed-lookup.js';
import { openAdvisoryDb } from '../dist/advisory/db/reader.js';
import { ADVISORY_SOURCES, fixtures } from './fixture-sources.js';

const LOOKUPS = 10_000;
// timed passes of the lookups and their baseline; the median is printed
const RUNS = 5;
const medianRun = (runs) => [...runs].sort((a, b) => a[0] - b[0])[Math.floor(runs.length / 2)];

const seconds = (t) => (performance.now() - t) / 1000;
// CPU seconds of this process: on a shared, loaded host the wall time also counts waiting for a core
const cpu = (c) => {
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1e6;
};
const files = (path) =>
  statSync(path).isDirectory()
    ? readdirSync(path, { recursive: true, encoding: 'utf8' })
        .map((f) => join(path, f))
        .filter((f) => statSync(f).isFile())
    : [path];

const feeds = await registeredFeeds();
const sources = ADVISORY_SOURCES.filter(([feed]) => feeds.has(feed)).map(([feed, path]) => ({
  feed,
  path: join(fixtures, path),
}));
const missing = ADVISORY_SOURCES.filter(([feed]) => !feeds.has(feed)).map(([feed]) => feed);
if (missing.length) console.log(`(feeds not registered, left out: ${missing.join(', ')})`);

// baseline 1: the raw cost of reading the same files (JSON parsed, the rest read as text)
let t = performance.now();
let bytes = 0;
for (const { path } of sources)
  for (const file of files(path)) {
    const text = readFileSync(file, 'utf8');
    bytes += text.length;
    if (file.endsWith('.json')) JSON.parse(text);
  }
const rawSeconds = seconds(t);

const dir = mkdtempSync(join(tmpdir(), 'cleanroom-bench-'));
const out = join(dir, 'advisory.db');
t = performance.now();
const c0 = process.cpuUsage();
const result = await buildAdvisoryDb({ sources, out, onWarning: () => undefined });
const buildSeconds = seconds(t);
const buildCpu = cpu(c0);
const records = result.feeds.reduce((n, f) => n + f.records, 0);
console.log(
  `build: ${records} records from ${result.feeds.length} feeds in ${buildSeconds.toFixed(2)} s (CPU ${buildCpu.toFixed(2)} s)`,
);
console.log(`       ${Math.round(records / buildSeconds)} records/s (target: all fixtures under 20 s)`);
for (const f of result.feeds) console.log(`       ${f.name.padEnd(18)} ${f.records}`);
console.log(
  `       baseline: read + JSON.parse of the same ${(bytes / 1e6).toFixed(0)} MB in ${rawSeconds.toFixed(2)} s → build is ${(buildSeconds / rawSeconds).toFixed(1)}× the raw read`,
);

// 10,000 (ecosystem, package) pairs drawn from the DB itself, cycling when it holds fewer
const raw = new Database(out, { readonly: true });
const pairs = raw
  .prepare('SELECT DISTINCT ecosystem, package FROM affected ORDER BY ecosystem, package')
  .all();
console.log(
  `       (load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores)`,
);
const keys = raw.prepare('SELECT feed, record_id FROM vulnerability').all();
const wanted = Array.from({ length: LOOKUPS }, (_, i) => pairs[(i * 7919) % pairs.length]);
const byEcosystem = new Map();
for (const p of wanted) byEcosystem.set(p.ecosystem, [...(byEcosystem.get(p.ecosystem) ?? []), p.package]);

// baseline 2: 10,000 plain SELECTs by primary key, prepared, with better-sqlite3 directly
const byKey = raw.prepare('SELECT * FROM vulnerability WHERE feed = ? AND record_id = ?');
const pkRuns = [];
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < LOOKUPS; i++) {
    const k = keys[(i * 7919) % keys.length];
    byKey.get(k.feed, k.record_id);
  }
  pkRuns.push([seconds(t0), cpu(c0)]);
}
const [pkSeconds, pkCpu] = medianRun(pkRuns);
raw.close();

const reader = await openAdvisoryDb(out);
// one warm-up pass, as a scan's DB is open and warm while it matches
for (const [ecosystem, packages] of byEcosystem) await reader.affected(ecosystem, packages);
let rows = 0;
const batchRuns = [];
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  rows = 0;
  for (const [ecosystem, packages] of byEcosystem)
    rows += (await reader.affected(ecosystem, packages)).length;
  batchRuns.push([seconds(t0), cpu(c0)]);
}
const [batchSeconds, batchCpu] = medianRun(batchRuns);
t = performance.now();
for (const p of wanted.slice(0, 1000)) await reader.affected(p.ecosystem, [p.package]);
const singleSeconds = (seconds(t) * LOOKUPS) / 1000;
await reader.close();
console.log(
  `lookups: ${LOOKUPS} (ecosystem, package) in ${byEcosystem.size} batched calls, median of ${RUNS}: ${(batchSeconds * 1000).toFixed(0)} ms (CPU ${(batchCpu * 1000).toFixed(0)} ms), ${rows} rows (target under 500 ms)`,
);
console.log(
  `       baseline: ${LOOKUPS} SELECTs by primary key with better-sqlite3: ${(pkSeconds * 1000).toFixed(0)} ms (CPU ${(pkCpu * 1000).toFixed(0)} ms) → ${(batchSeconds / pkSeconds).toFixed(1)}× wall, ${(batchCpu / pkCpu).toFixed(1)}× CPU`,
);
console.log(
  `       one call per package instead (extrapolated from 1,000): ${(singleSeconds * 1000).toFixed(0)} ms`,
);
rmSync(dir, { recursive: true, force: true });
