// Benchmark of the workers (`npm run bench:workers`): throughput of observations per minute with
// 1, 2 and 4 worker processes sharing graphile-worker's queue on PostgreSQL (Debian's server,
// started here on 127.0.0.1), over local archives of the fixtures; and the queue's overhead per
// job against the same observations made by `track` alone in one process, in the same run.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { buildAdvisoryDb } from '../dist/advisory/db/build.js';
import { track } from '../dist/history/track.js';
import { addWatches } from '../dist/worker/watches.js';
import { fixtures } from './fixture-sources.js';

const WATCHES = 40;
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
let n = 0;
async function freshStore() {
  const name = `bench_${++n}`;
  const c = new pg.Client({ connectionString: `${server}/postgres` });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  return `${server}/${name}`;
}
const images = ['alpine-3.9.4.docker.tar.gz', 'alpine-3.10.2.docker.tar.gz'].map((f) =>
  join(fixtures, 'images', f),
);
const refs = Array.from({ length: WATCHES }, (_, i) => `bench/app:w${i}`);
const source = (i) => images[i % 2];
const worker = (store, db) =>
  new Promise((res, rej) => {
    const c = spawn(
      process.execPath,
      [resolve('bin/cleanroom.js'), 'worker', '--store', store, '--db', db, '--once'],
      { stdio: 'ignore' },
    );
    c.on('exit', (code) => (code === 0 ? res() : rej(new Error(`worker exited ${code}`))));
  });

try {
  console.log(`load average ${loadavg()[0].toFixed(2)}; ${WATCHES} watches over the two Alpine archives`);
  const db = join(dir, 'advisory.db');
  await buildAdvisoryDb({
    sources: [{ feed: 'alpine-secdb', path: join(fixtures, 'alpine-secdb') }],
    out: db,
  });

  // baseline: the same observations by track alone, one after the other, in this process
  const alone = await freshStore();
  let t = performance.now();
  for (const [i, ref] of refs.entries()) await track([source(i)], { as: ref, store: alone, db });
  const base = (performance.now() - t) / 1000;
  console.log(
    `track alone, one process: ${base.toFixed(2)} s, ${((WATCHES / base) * 60).toFixed(0)} observations/min`,
  );

  for (const workers of [1, 2, 4]) {
    const store = await freshStore();
    for (const [i, ref] of refs.entries()) await addWatches([ref], { source: source(i), store });
    t = performance.now();
    await Promise.all(Array.from({ length: workers }, () => worker(store, db)));
    const s = (performance.now() - t) / 1000;
    const line = `${workers} worker${workers > 1 ? 's' : ' '}: ${s.toFixed(2)} s, ${((WATCHES / s) * 60).toFixed(0)} observations/min`;
    if (workers === 1) {
      const overhead = (s - base) / WATCHES;
      console.log(
        `${line}; queue overhead ${(overhead * 1000).toFixed(0)} ms per job = ${((overhead / (base / WATCHES)) * 100).toFixed(1)}% of a job (target under 5%; includes the process start)`,
      );
    } else console.log(line);
  }
} finally {
  try {
    asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
