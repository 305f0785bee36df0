// Benchmark of the advisory DB (`npm run bench:db`): build from every advisory fixture, then
// 10,000 lookups by (ecosystem, package). Each number is printed next to a baseline measured in
// the same run on the same machine, so the ratio means something even on a busy host.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildAdvisoryDb } from '../dist/advisory/db/build.js';
import { registeredFeeds } from '../dist/advisory/db/feed-lookup.js';
import { ADVISORY_SOURCES, fixtures } from './fixture-sources.js';

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

// the lookups run in a process of their own, as a scan opens the DB: not in this one's heap,
// which still holds what the build left behind
execFileSync(process.execPath, [join(import.meta.dirname, 'db-lookups.js'), out], { stdio: 'inherit' });
rmSync(dir, { recursive: true, force: true });
