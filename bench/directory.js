// Benchmark of the materialised series behind the Directory (`npm run bench:directory`, issue 23):
// a generated store of 1,200 tags × 365 days whose images share their bases as real ones do: each
// tag follows one of the four Wolfi families of the fixtures (glibc-dynamic, nginx, node, python:
// 621 real SBOMs, thousands of distinct package versions), from a seeded offset, with a new digest
// every 28 days, in one of four variants (the full image, or one missing a seventh of its
// packages), so tags share bases, some share digests, most do not. Against the Wolfi advisories:
//  1. a full refresh (every tag, both lenses, from nothing; target under 60 s), against the naive
//     way (each tag replayed on its own, as a Directory without materialised series did per
//     request) measured on a sample in the same run;
//  2. a refresh with nothing to do, and one after a DB update that changes 1% of the records
//     (target under 5 s), with how many tags it recomputed;
//  3. `GET /api/tags`, the Directory's first page (50 rows, 30-day sparklines, sorted by total) at 20 concurrent
//     clients, p95 (target under 100 ms), against `/api/health` at the same concurrency.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildAdvisoryDb } from '../dist/advisory/db/build.js';
import { openAdvisoryDb } from '../dist/advisory/db/reader.js';
import { contentDigest } from '../dist/history/content-digest.js';
import { LENSES } from '../dist/history/lens.js';
import { refreshSeries } from '../dist/history/materialise/refresh.js';
import { openHistoryStore } from '../dist/history/store/open.js';
import { recordObservations } from '../dist/history/store/write.js';
import { tagDays } from '../dist/history/tag-days.js';
import { readSbomFile } from '../dist/sbom-input/read-sbom-file.js';
import { fixtures } from './fixture-sources.js';

const TAGS = Number(process.env.BENCH_TAGS ?? 1200);
const DAYS = 365;
const EVERY = 28;
const SAMPLE = 12;
const FAMILIES = ['glibc-dynamic', 'nginx', 'node', 'python'];
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
// CPU time of this process since `start`: the steadier figure when other work shares the machine
const cpuSince = (start) => {
  const u = process.cpuUsage(start);
  return `${((u.user + u.system) / 1e6).toFixed(1)} s CPU`;
};
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];

function random(seed) {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const dayAfter = (day, n) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const dir = mkdtempSync(join(tmpdir(), 'cleanroom-bench-directory-'));
try {
  console.log(`load average ${loadavg()[0].toFixed(2)}, ${TAGS} tags × ${DAYS} days`);
  // the advisory DB, from a copy of the feed that step 2 changes
  const feed = join(dir, 'wolfi-advisories');
  cpSync(join(fixtures, 'wolfi-advisories'), feed, { recursive: true });
  const db = join(dir, 'advisory.db');
  let t = performance.now();
  await buildAdvisoryDb({ sources: [{ feed: 'wolfi-advisories', path: feed }], out: db });
  console.log(`advisory DB built in ${s(performance.now() - t)}`);

  // the bases: every SBOM of each family, in date order, in four variants
  const bases = [];
  let versions = new Set();
  const names = new Set();
  for (const family of FAMILIES) {
    const folder = join(fixtures, 'history', 'wolfi', family);
    const list = [];
    for (const f of readdirSync(folder)
      .filter((x) => x.endsWith('.cdx.json'))
      .sort()) {
      const inventory = await readSbomFile(join(folder, f));
      for (const p of inventory.packages) {
        versions.add(`${p.name}@${p.version}`);
        names.add(p.name);
      }
      list.push(
        [0, 1, 2, 3].map((v) => {
          const variant = {
            ...inventory,
            packages: v ? inventory.packages.filter((_, i) => i % 7 !== v) : inventory.packages,
          };
          return { inventory: variant, digest: contentDigest(variant) };
        }),
      );
    }
    bases.push(list);
  }
  console.log(
    `bases: ${bases.reduce((n, l) => n + l.length, 0)} SBOMs in ${FAMILIES.length} families, ${versions.size} distinct package versions`,
  );
  versions = undefined;

  // the store: TAGS tags, a new digest every EVERY days over the last DAYS days
  const storePath = join(dir, 'history.db');
  const store = await openHistoryStore(storePath);
  const today = new Date().toISOString().slice(0, 10);
  const first = dayAfter(today, -(DAYS - 1));
  const rnd = random(7);
  const digests = new Set();
  t = performance.now();
  for (let i = 0; i < TAGS; i++) {
    const family = bases[i % FAMILIES.length];
    const variant = (i >> 2) % 4;
    const moves = Math.ceil(DAYS / EVERY);
    const start = Math.floor(rnd() * (family.length - moves));
    const batch = [];
    for (let k = 0; k < moves; k++) {
      const base = family[start + k][variant];
      digests.add(base.digest);
      const at = `${dayAfter(first, k * EVERY)}T06:00:00.000Z`;
      batch.push({
        ref: { image: `bench/${FAMILIES[i % FAMILIES.length]}-${Math.floor(i / 20)}`, tag: `t${i % 20}` },
        digest: base.digest,
        digestKind: 'content',
        inventory: base.inventory,
        observedAt: at,
        scannedAt: at,
        origin: 'track',
        findings: [],
        suppressed: 0,
        scanner: { name: 'cleanroom', version: 'bench' },
        db: { builtAt: null, feeds: {} },
      });
    }
    await recordObservations(store, batch);
  }
  console.log(
    `store: ${TAGS} tags, ${digests.size} distinct digests, generated in ${s(performance.now() - t)}`,
  );

  // 1. the full refresh, against each tag replayed on its own (a sample)
  const reader = await openAdvisoryDb(db);
  const tags = await store.db.selectFrom('tag').select(['image', 'tag']).execute();
  t = performance.now();
  for (const ref of tags.slice(0, SAMPLE))
    for (const lens of LENSES)
      await tagDays(store, reader, ref, { from: first, to: today }, { lens, replay: true });
  const naivePerTag = (performance.now() - t) / SAMPLE;
  t = performance.now();
  let cpu = process.cpuUsage();
  const full = await refreshSeries(store, reader);
  const fullMs = performance.now() - t;
  console.log(
    `1. full refresh: ${full.tags.computed.length} tags, ${full.days} days in ${s(fullMs)} (${cpuSince(cpu)}) (target 60 s); ` +
      `each tag on its own: ${naivePerTag.toFixed(0)} ms a tag → ${s(naivePerTag * TAGS)} for ${TAGS} ` +
      `(${((naivePerTag * TAGS) / fullMs).toFixed(1)}× the refresh)`,
  );

  // 2. nothing to do; then a DB update changing 1% of the records
  t = performance.now();
  const idle = await refreshSeries(store, reader);
  console.log(
    `2. refresh with nothing to do: ${idle.tags.current.length} tags current in ${s(performance.now() - t)}`,
  );
  await reader.close();
  const files = readdirSync(feed).filter((f) => f.endsWith('.yaml'));
  const change = random(11);
  let changed = 0;
  const goal = Math.ceil(files.length / 100);
  // half of them about packages the images carry (those recompute their tags), half anywhere
  const carried = files.filter((f) => names.has(f.replace(/\.advisories\.yaml$/, '')));
  for (let tries = 0; changed < goal && tries < files.length * 4; tries++) {
    const pool = changed < goal / 2 ? carried : files;
    const f = join(feed, pool[Math.floor(change() * pool.length)]);
    const text = readFileSync(f, 'utf8');
    const next = text.replace(/fixed-version: (\S+)/, 'fixed-version: $1.1');
    if (next !== text) {
      writeFileSync(f, next);
      changed++;
    }
  }
  t = performance.now();
  await buildAdvisoryDb({ sources: [{ feed: 'wolfi-advisories', path: feed }], out: db });
  const buildMs = performance.now() - t;
  const updated = await openAdvisoryDb(db);
  t = performance.now();
  cpu = process.cpuUsage();
  const after = await refreshSeries(store, updated);
  console.log(
    `   DB update changing ${changed} of ${files.length} records (built in ${s(buildMs)}): refresh in ` +
      `${s(performance.now() - t)} (${cpuSince(cpu)}) (target 5 s): ${after.tags.recomputed.length} tags recomputed, ${after.tags.kept.length} kept`,
  );
  await updated.close();
  await store.close();

  // 3. with the answer cache the server keeps by default (64 MB), and without it (all computed)
  for (const cacheMb of ['64', '0']) await serveAndLoad(storePath, db, cacheMb);
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

// the Directory's first page at 20 concurrent clients, against /api/health
async function serveAndLoad(storePath, db, cacheMb) {
  const args = ['serve', '--store', storePath, '--db', db, '--port', '0', '--refresh-every', '0'];
  const server = spawn(process.execPath, [resolve('bin/cleanroom.js'), ...args, '--cache-mb', cacheMb], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise((ok, fail) => {
    let err = '';
    server.stderr.on('data', (d) => {
      err += d;
      const m = /serving on (\S+)/.exec(err);
      if (m) ok(m[1]);
    });
    server.on('exit', () => fail(new Error(err)));
  });
  const load = async (path, clients = 20, each = 10) => {
    const times = [];
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let k = 0; k < each; k++) {
          const t0 = performance.now();
          const res = await fetch(`${url}${path}`);
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`${path}: ${res.status}`);
          times.push(performance.now() - t0);
        }
      }),
    );
    return p95(times);
  };
  const page = '/api/tags?limit=50&recent=30&sort=total';
  await load(page, 1, 2); // warm
  const health = await load('/api/health');
  const directory = await load(page);
  console.log(
    `3. GET ${page} at 20 clients, answer cache ${cacheMb} MB: p95 ${directory.toFixed(0)} ms (target 100 ms); ` +
      `/api/health at 20 clients: p95 ${health.toFixed(0)} ms (${(directory / health).toFixed(1)}×)`,
  );
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
}
