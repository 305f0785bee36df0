// Benchmark of the workers (`npm run bench:workers`): the queue's overhead per job against the same
// observations made without a queue, and the throughput of observations per minute with 1, 2 and 4
// worker processes sharing graphile-worker's queue on PostgreSQL (Debian's server, started here on
// 127.0.0.1), over local archives of the fixtures.
//
// The overhead is measured in steady state, as a worker runs in production (started once, then
// taking jobs for days): worker processes are started and idle first, then the due watches are
// queued and the clock runs until the last observation is reported. The baseline ("scan alone") is
// `track` on an open store and an open advisory DB reader, one watch after the other, in a process
// of its own: the scan and the write of the observation, without the queue. Both run several
// times, interleaved, in the same run; the medians are compared. A `--once` worker (process start,
// connections and queue migrations included) is reported apart, as that fixed cost is paid once
// per process, not per job.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { makeWorkerUtils } from 'graphile-worker';
import { buildAdvisoryDb } from '../dist/advisory/db/build.js';
import { openAdvisoryDb } from '../dist/advisory/db/index.js';
import { track } from '../dist/history/track.js';
import { openHistoryStore } from '../dist/history/store/open.js';
import { enqueueDueOn } from '../dist/worker/queue.js';
import { addWatches } from '../dist/worker/watches.js';
import { ADVISORY_SOURCES, fixtures } from './fixture-sources.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
// the small images of most of the run, and a real-size one (42 MB layer, 96 packages) scanned
// against every advisory fixture, to ground the projection to a day of real images
const workloads = {
  alpine: {
    watches: Number(process.env.BENCH_WATCHES ?? 60),
    images: ['alpine-3.9.4.docker.tar.gz', 'alpine-3.10.2.docker.tar.gz'],
  },
  debian: {
    watches: Number(process.env.BENCH_DEBIAN_WATCHES ?? 8),
    images: ['debian-bookworm-slim.oci.tar'],
  },
};
const refsOf = (w) => Array.from({ length: w.watches }, (_, i) => `bench/app:w${i}`);
const sourceOf = (w, i) => join(fixtures, 'images', w.images[i % w.images.length]);

// the baseline's own process: `node bench/workers.js --alone STORE DB WORKLOAD` prints its elapsed ms
if (process.argv[2] === '--alone') {
  const [store, db, name] = process.argv.slice(3);
  const w = workloads[name];
  const s = await openHistoryStore(store);
  const reader = await openAdvisoryDb(db);
  const t = performance.now();
  for (const [i, ref] of refsOf(w).entries())
    await track([sourceOf(w, i)], { as: ref, openStore: s, reader });
  const ms = performance.now() - t;
  await reader.close();
  await s.close();
  process.stdout.write(JSON.stringify({ ms }));
  process.exit(0);
}

const root = '/usr/lib/postgresql';
const bin = existsSync(root)
  ? readdirSync(root)
      .map((v) => join(root, v, 'bin'))
      .find((b) => existsSync(join(b, 'pg_ctl')))
  : undefined;
if (!bin) {
  console.log(
    'no PostgreSQL under /usr/lib/postgresql: install Debian\'s "postgresql" to run this benchmark',
  );
  process.exit(0);
}
const port = await new Promise((res) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => res(p));
  });
});
const dir = mkdtempSync(join(tmpdir(), 'cleanroom-bench-workers-'));
chownSync(
  dir,
  Number(execFileSync('id', ['-u', 'postgres'])),
  Number(execFileSync('id', ['-g', 'postgres'])),
);
const asPostgres = (cmd, args) =>
  execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' });
const data = join(dir, 'data');
asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
asPostgres('pg_ctl', [
  '-D',
  data,
  '-o',
  `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
  '-l',
  join(dir, 'log'),
  '-w',
  'start',
]);
const server = `postgres://postgres@127.0.0.1:${port}`;
const version = execFileSync(join(bin, 'postgres'), ['--version']).toString().trim();
let n = 0;
async function freshStore(w) {
  const name = `bench_${++n}`;
  const c = new pg.Client({ connectionString: `${server}/postgres` });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const store = `${server}/${name}`;
  if (w)
    for (const [i, ref] of refsOf(w).entries()) await addWatches([ref], { source: sourceOf(w, i), store });
  return store;
}

const cli = resolve('bin/cleanroom.js');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// the scan alone, in a process of its own; returns seconds
async function alone(db, name) {
  const store = await freshStore();
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--alone', store, db, name]);
  return JSON.parse(out.toString()).ms / 1000;
}

// `workers` idle worker processes; then the watches are queued and timed until each is observed
async function queued(db, workers, w) {
  const store = await freshStore(w);
  // the store and the queue are migrated before the workers start, as they are in production
  const s = await openHistoryStore(store);
  const utils = await makeWorkerUtils({ connectionString: store });
  await utils.migrate();
  // started with no job due: the watches are queued below, once every worker listens
  const c = new pg.Client({ connectionString: store });
  await c.connect();
  await c.query('UPDATE watch SET last_period = 2000000000');
  let observed = 0;
  let inTask = 0; // the time spent inside the task (the watch's run), as the workers report it
  let finish;
  const finished = new Promise((res) => (finish = res));
  const children = Array.from({ length: workers }, () => {
    const child = spawn(process.execPath, [cli, 'worker', '--store', store, '--db', db], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let buffered = '';
    const ready = new Promise((res, rej) => {
      child.once('exit', (code) => rej(new Error(`worker exited ${code} before it was ready`)));
      child.stderr.on('data', (d) => {
        buffered += d.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop();
        for (const line of lines) {
          if (line.includes(' ready: ')) res();
          else if (/ observed bench\/app:/.test(line)) {
            inTask += Number(/, ([\d.]+) ms\)$/.exec(line)?.[1] ?? NaN);
            if (++observed === w.watches) finish(performance.now());
          } else if (/ failed /.test(line)) console.error(line);
        }
      });
    });
    return { child, ready };
  });
  await Promise.all(children.map((w) => w.ready));
  await new Promise((r) => setTimeout(r, 300)); // their LISTEN connections are up
  await c.query('UPDATE watch SET last_period = NULL');
  await c.end();
  const t = performance.now();
  await enqueueDueOn(s, utils);
  const end = await finished;
  await Promise.all(
    children.map(({ child }) => {
      const exited = new Promise((res) => child.once('exit', res));
      child.kill('SIGTERM');
      return exited;
    }),
  );
  await utils.release();
  await s.close();
  return { s: (end - t) / 1000, inTask: inTask / 1000 };
}

// one `worker --once` process from its start: what a cron-started worker pays in total
async function once(db, w) {
  const store = await freshStore(w);
  const t = performance.now();
  execFileSync(process.execPath, [cli, 'worker', '--store', store, '--db', db, '--once'], {
    stdio: 'ignore',
  });
  return (performance.now() - t) / 1000;
}

const fmt = (xs) => xs.map((x) => x.toFixed(2)).join(', ');

// the scan alone and one worker, interleaved `rounds` times; prints and returns the medians
async function overhead(db, name, rounds) {
  const w = workloads[name];
  const perMin = (s) => ((w.watches / s) * 60).toFixed(0);
  const perJob = (s) => `${((s / w.watches) * 1000).toFixed(1)} ms per job`;
  const bases = [];
  const ones = [];
  for (let r = 0; r < rounds; r++) {
    bases.push(await alone(db, name));
    ones.push(await queued(db, 1, w));
  }
  const base = median(bases);
  const one = median(ones.map((o) => o.s));
  console.log(
    `  scan alone (track on an open store and reader, one process): ${fmt(bases)} s; median ${base.toFixed(2)} s = ${perJob(base)}, ${perMin(base)} observations/min`,
  );
  console.log(
    `  1 worker (queue): ${fmt(ones.map((o) => o.s))} s; median ${one.toFixed(2)} s = ${perJob(one)}, ${perMin(one)} observations/min`,
  );
  // each round's worker against the scan alone measured just before it: the drift of a shared
  // machine's speed cancels out of the pair; the median of the pairs is the overhead
  const extra = median(ones.map((o, r) => (o.s - bases[r]) / w.watches));
  const pct = (x) => `${((x / (base / w.watches)) * 100).toFixed(1)}%`;
  console.log(
    `  queue overhead (median of the rounds' differences): ${(extra * 1000).toFixed(1)} ms per job = ${pct(extra)} of the scan alone (target under 5%)`,
  );
  // where it goes, from the workers' own timing of each run (the watch's run inside the task)
  const inside = median(ones.map((o) => o.inTask / w.watches));
  const outside = median(ones.map((o) => (o.s - o.inTask) / w.watches));
  console.log(
    `  the task itself ${(inside * 1000).toFixed(1)} ms per job (the scan alone plus reading and marking the watch); ` +
      `outside it (graphile-worker taking and completing the job) ${(outside * 1000).toFixed(1)} ms = ${pct(outside)}`,
  );
  return { base, w, perMin };
}

try {
  console.log(
    `${cpus().length} cores (${cpus()[0].model}), load average ${loadavg()[0].toFixed(2)}; ${version}; ${ROUNDS} interleaved rounds`,
  );
  const db = join(dir, 'advisory.db');
  await buildAdvisoryDb({
    sources: [{ feed: 'alpine-secdb', path: join(fixtures, 'alpine-secdb') }],
    out: db,
  });
  await alone(db, 'alpine'); // warms the OS cache of the archives and the DB for both sides
  console.log(
    `${workloads.alpine.watches} watches over the two Alpine archives of the fixtures (alpine-secdb):`,
  );
  const { base, w, perMin } = await overhead(db, 'alpine', ROUNDS);
  for (const workers of [2, 4]) {
    const { s } = await queued(db, workers, w);
    console.log(`  ${workers} workers (queue): ${s.toFixed(2)} s, ${perMin(s)} observations/min`);
  }
  const o = await once(db, w);
  console.log(
    `  1 worker --once from process start: ${o.toFixed(2)} s, ${perMin(o)} observations/min (` +
      `${(((o - base) / w.watches) * 1000).toFixed(1)} ms per job over the scan alone, the process start, connections and queue migrations included)`,
  );

  const full = join(dir, 'full.db');
  const t = performance.now();
  await buildAdvisoryDb({
    sources: ADVISORY_SOURCES.map(([feed, path]) => ({ feed, path: join(fixtures, path) })),
    out: full,
  });
  console.log(
    `${workloads.debian.watches} watches of the Debian 12 slim OCI archive against every advisory fixture (built in ${((performance.now() - t) / 1000).toFixed(1)} s):`,
  );
  await alone(full, 'debian');
  await overhead(full, 'debian', Math.min(ROUNDS, 3));
} finally {
  try {
    asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
