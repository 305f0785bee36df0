// Benchmark of the history stage (`npm run bench:history`), issue 10's targets:
//  1. a generated store of 1,200 images × 365 daily observations: `history` of one image over a
//     year and `compare` of two, p95 under 50 ms each on SQLite (library calls as the CLI makes
//     them, store opened each time), printed against the bare SQL read of the same rows;
//  2. backfilling a year of daily SBOMs for one image (`track` of 365 files): under 10 s, printed
//     against reading and parsing the same files;
//  3. `history --replay` of that image over the year, under each lens (target under 1 s).
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAdvisoryDb } from '../dist/advisory/db/build.js';
import { compare, history, track } from '../dist/index.js';
import { openHistoryStore } from '../dist/history/store/open.js';
import { fixtures } from './fixture-sources.js';
import { generateStore } from './history-store.js';

const IMAGES = 1200;
const DAYS = 365;
const RUNS = 60;
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];
const ms = (x) => `${x.toFixed(1)} ms`;
const time = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

const dir = mkdtempSync(join(tmpdir(), 'cleanroom-bench-history-'));
try {
  console.log(`load average ${loadavg()[0].toFixed(2)}`);
  const store = join(dir, 'history.db');
  await (await openHistoryStore(store)).close();
  let t = performance.now();
  const rows = generateStore(store, IMAGES, DAYS);
  console.log(
    `generated ${rows} observations (${IMAGES} images × ${DAYS} days) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  // 1. history and compare against the bare read of the same rows
  const range = { from: '2024-01-01', to: '2024-12-30', store };
  const raw = new Database(store, { readonly: true });
  const select = raw.prepare(
    'SELECT * FROM observation WHERE image = ? AND tag = ? AND day >= ? AND day <= ?',
  );
  const bare = [];
  const hist = [];
  const comp = [];
  for (let i = 0; i < RUNS; i++) {
    const a = `bench/image-${(i * 37) % IMAGES}`;
    const b = `bench/image-${(i * 53 + 11) % IMAGES}`;
    bare.push(await time(() => select.all(a, 'latest', range.from, range.to)));
    hist.push(await time(() => history(`${a}:latest`, range)));
    comp.push(await time(() => compare([`${a}:latest`, `${b}:latest`], range)));
  }
  raw.close();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const line = (label, xs) =>
    `${label}: p95 ${ms(p95(xs))}, median ${ms(median(xs))} (${(median(xs) / median(bare)).toFixed(1)}× the bare read)`;
  console.log(`${line('history of one image over a year', hist)} (target p95 50 ms)`);
  console.log(`${line('compare of two images over a year', comp)} (target p95 50 ms)`);
  console.log(
    `  baseline: bare SELECT * of one image's year, p95 ${ms(p95(bare))}, median ${ms(median(bare))}`,
  );

  // 2. backfill: a year of daily SBOMs of the Wolfi python image, each dated its day
  const db = join(dir, 'advisory.db');
  t = performance.now();
  await buildAdvisoryDb({
    sources: [{ feed: 'wolfi-advisories', path: join(fixtures, 'wolfi-advisories') }],
    out: db,
  });
  console.log(
    `(advisory DB from wolfi-advisories built in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );
  const files = dailySboms(join(dir, 'sboms'));
  t = performance.now();
  for (const f of files) JSON.parse(readFileSync(f, 'utf8'));
  const read = performance.now() - t;
  t = performance.now();
  const tracked = await track(files, { as: 'bench/python:latest', db, store });
  const backfill = performance.now() - t;
  console.log(
    `backfill of ${tracked.recorded} daily SBOMs (track): ${(backfill / 1000).toFixed(2)} s (target 10 s)`,
  );
  console.log(`  baseline: read + JSON.parse of the same files, ${ms(read)}`);

  // 3. replay of that image over the year
  // (both lenses: as known then, each day as of that day; as known now, each digest against today)
  for (const lens of ['then', 'now']) {
    const replay = [];
    for (let i = 0; i < 3; i++)
      replay.push(await time(() => history('bench/python:latest', { ...range, replay: true, db, lens })));
    console.log(
      `history --replay --lens ${lens} of one image over a year: best of 3 ${ms(Math.min(...replay))} (target 1 s)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// one SBOM per day of 2024: the fixture SBOM of the latest date on or before it, dated that day
function dailySboms(out) {
  const folder = join(fixtures, 'history', 'wolfi', 'python');
  const dated = readdirSync(folder)
    .filter((f) => f.endsWith('.cdx.json'))
    .sort();
  mkdirSync(out, { recursive: true });
  const files = [];
  for (let d = Date.UTC(2024, 0, 1); files.length < DAYS; d += 86_400_000) {
    const day = new Date(d).toISOString().slice(0, 10);
    const source = dated.filter((f) => f.slice(0, 10) <= day).at(-1);
    const doc = JSON.parse(readFileSync(join(folder, source), 'utf8'));
    doc.metadata.timestamp = `${day}T00:00:00Z`;
    const file = join(out, `${day}.cdx.json`);
    writeFileSync(file, JSON.stringify(doc));
    files.push(file);
  }
  return files;
}
