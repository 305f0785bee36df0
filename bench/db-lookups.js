// 10,000 lookups by (ecosystem, package) against an advisory DB, next to a baseline of 10,000
// primary-key SELECTs measured in the same process: `node bench/db-lookups.js FILE` (bench/db.js
// runs it on the DB it has just built from the fixtures; any other DB file works too).
// BENCH_PASSES=1 also prints the time of every timed pass.
import { cpus, loadavg } from 'node:os';
import Database from 'better-sqlite3';
import { openAdvisoryDb } from '../dist/advisory/db/reader.js';

const out = process.argv[2];
if (!out) {
  console.error('usage: node bench/db-lookups.js ADVISORY_DB');
  process.exit(2);
}
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
let t;

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
if (process.env.BENCH_PASSES) console.log(batchRuns.map((r) => (r[0] * 1000).toFixed(0)).join(' '));
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
