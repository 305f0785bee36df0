/**
 * Bounded work against a real `cleanroom serve` (issue 22): a range outside 1970–2100 or longer
 * than the server allows is a 400 naming the parameter before anything is read; the largest
 * allowed replay answers; while many of them run, replayed or read from the materialised series
 * and serialised in chunks (src/server/json-answer.ts), `/api/health` keeps answering; a client
 * that goes away stops its replay and frees its slot; a full queue answers 503 with Retry-After.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureStore, getJson, PYTHON, startServer, tagPath, type Server } from './api-helpers.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-server-bounded-');
let stores: { store: string; db: string };
let server: Server;
// the same store with its series materialised (`cleanroom store refresh`): what a running server
// answers from, and where a ten-year answer is read, not replayed, so it is ready in a second
let materialised: Server;

// the ten years up to 2024-12-31 (3,650 days: 2015-01-04 … 2024-12-31)
const TEN_YEARS = { from: '2015-01-04', to: '2024-12-31' };
const largest = () =>
  `${server.url}/api/compare?images=${encodeURIComponent(Array(50).fill(PYTHON).join(','))}&from=${TEN_YEARS.from}&to=${TEN_YEARS.to}&replay=true`;

// CPU time the server process used so far, in clock ticks (user + system, /proc/PID/stat)
const cpuTicks = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  stores = await fixtureStore(tmp.dir);
  server = await startServer(['--store', stores.store, '--db', stores.db, '--cache-mb', '0']);
  const copy = join(tmp.dir, 'history-materialised.db');
  for (const suffix of ['', '-wal'])
    if (existsSync(stores.store + suffix)) copyFileSync(stores.store + suffix, copy + suffix);
  const refreshed = execFileSync(
    process.execPath,
    [
      join(import.meta.dirname, '..', 'bin/cleanroom.js'),
      'store',
      'refresh',
      '--store',
      copy,
      '--db',
      stores.db,
    ],
    { encoding: 'utf8' },
  );
  expect(refreshed).toMatch(/computed\s+2 tags/);
  materialised = await startServer(['--store', copy, '--db', stores.db, '--cache-mb', '0']);
}, 180_000);
afterAll(async () => {
  expect(await materialised?.stop()).toBe(0);
  expect(await server?.stop()).toBe(0);
  tmp.cleanup();
});

describe('ranges', () => {
  it('answers the critical request 400 at once, naming the parameter', async () => {
    const res = await getJson(
      `${server.url}${tagPath(PYTHON)}/history?from=0001-01-01&to=9999-12-31&replay=true`,
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: 'bad-input',
      code: 'bad-input',
      retryable: false,
      parameter: 'to',
    });
    expect(res.body.message).toContain('outside 1970-01-01 … 2100-12-31');
    const year1 = await getJson(`${server.url}${tagPath(PYTHON)}/history?from=0001-01-01&replay=true`);
    expect(year1.body).toMatchObject({ parameter: 'from' });
    expect(year1.body.message).toBe('from: "0001-01-01" is outside 1970-01-01 … 2100-12-31');
  });

  it('refuses a range longer than ten years and more than 50 images, on every route that takes them', async () => {
    const eleven = `from=2014-01-01&to=2024-12-31`;
    for (const path of [
      `${tagPath(PYTHON)}/history?replay=true&`,
      `${tagPath(PYTHON)}/resolved?`,
      `/api/compare?images=${PYTHON},${PYTHON}&`,
    ]) {
      const res = await getJson(`${server.url}${path}${eleven}`);
      expect(res.status, path).toBe(400);
      expect(res.body.parameter).toBe('from');
      expect(res.body.message).toContain('more than the 3650 allowed');
    }
    const many = await getJson(
      `${server.url}/api/compare?images=${encodeURIComponent(Array(51).fill(PYTHON).join(','))}`,
    );
    expect(many.status).toBe(400);
    expect(many.body).toMatchObject({ parameter: 'images' });
  });
});

describe('the heaviest allowed requests', () => {
  it('answers the largest allowed replay: ten years, 50 images', async () => {
    const res = await getJson(largest());
    expect(res.body.message).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.images).toHaveLength(50);
    expect(res.body.images[0].points.length).toBeGreaterThan(300);
  }, 300_000);

  it('keeps answering /api/health while 20 ten-year replays run or wait', async () => {
    const tenYears = `${server.url}${tagPath(PYTHON)}/history?from=${TEN_YEARS.from}&to=${TEN_YEARS.to}&replay=true`;
    let settled = 0;
    const runs = Array.from({ length: 20 }, () =>
      fetch(tenYears).then(async (r) => {
        settled += 1;
        const body = (await r.json()) as { points?: unknown[]; message?: string };
        return { status: r.status, points: body.points?.length, message: body.message };
      }),
    );
    const healths: { running: number; waiting: number }[] = [];
    while (healths.length < 3 || healths.at(-1)!.running + healths.at(-1)!.waiting > 0) {
      const h = await getJson(`${server.url}/api/health`);
      expect(h.status).toBe(200);
      healths.push(h.body.work);
      await sleep(50);
    }
    // health answered while the replays ran: two at a time, the others waiting for a slot
    const busy = healths.filter((w) => w.running > 0);
    expect(busy.length).toBeGreaterThan(3);
    expect(Math.max(...busy.map((w) => w.running))).toBe(2);
    expect(Math.max(...busy.map((w) => w.waiting))).toBeGreaterThan(10);
    expect(settled).toBe(20);
    const answers = await Promise.all(runs);
    // each answers its series; on a machine slow enough that the last ones wait more than the
    // queue's 60 s for a slot, those are the queue's 503 (the gate working as documented)
    const done = answers.filter((a) => a.status === 200);
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(new Set(done.map((a) => a.points)).size).toBe(1);
    for (const a of answers.filter((x) => x.status !== 200)) {
      expect(a.status).toBe(503);
      expect(a.message).toContain('for a slot: try again later');
    }
  }, 600_000);

  it('answers /api/health in under 100 ms (median) while 20 of the largest allowed replays run on materialised series', async () => {
    // the 20 from a process of their own, so this one's event loop only times /api/health; each
    // line it prints is an answer read to its end (gzipped, as a browser asks): status and bytes
    const url = largest().replace(server.url, materialised.url);
    const load = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `await Promise.all(Array.from({ length: 20 }, () => fetch(${JSON.stringify(url)}).then(async (r) => console.log(r.status, (await r.arrayBuffer()).byteLength))));`,
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const answered: string[] = [];
    createInterface({ input: load.stdout }).on('line', (line) => answered.push(line));
    const health = () => getJson(`${materialised.url}/api/health`);
    let work = { running: 0, waiting: 0 };
    for (let i = 0; i < 500 && !(work.running === 2 && work.waiting === 18); i++) {
      await sleep(20);
      work = (await health()).body.work;
    }
    expect(work).toEqual({ running: 2, waiting: 18 });
    // timed while the answers are computed, serialised, hashed and compressed: until at least four
    // of them were sent whole (one takes about a second on materialised series)
    const ms: number[] = [];
    while (ms.length < 40 || (answered.length < 4 && ms.length < 300)) {
      const t = performance.now();
      const h = await health();
      ms.push(performance.now() - t);
      expect(h.status).toBe(200);
      await sleep(100);
    }
    load.kill('SIGKILL');
    ms.sort((a, b) => a - b);
    const at = (p: number) => ms[Math.floor(p * ms.length)]!;
    console.log(
      `/api/health under 20 largest replays (materialised), ${answered.length} answered while timed: median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, max ${ms.at(-1)!.toFixed(0)} ms (${ms.length} answers)`,
    );
    // every answer sent is the whole one: 50 images × ten years, ~16 MB of JSON
    expect(answered.length).toBeGreaterThanOrEqual(4);
    for (const line of answered) expect(line).toMatch(/^200 \d{8}$/);
    expect(new Set(answered).size).toBe(1);
    // The median is the "under 100 ms"; the 90th percentile is what tells a server that
    // holds its event loop while it serialises an answer in one piece (0.6–2.7 s stalls: most
    // samples fast, one in three or four slow) from one that yields. Both keep margins for a
    // shared two-core machine, where one sample can lose 100+ ms to the OS scheduler.
    expect(at(0.5)).toBeLessThan(100);
    expect(at(0.9)).toBeLessThan(250);
    // the rest are abandoned with their client: their work stops and their slots free
    for (let i = 0; i < 200 && work.running + work.waiting > 0; i++) {
      await sleep(20);
      work = (await health()).body.work;
    }
    expect(work).toEqual({ running: 0, waiting: 0 });
  }, 180_000);

  it('stops the replay of a client that goes away: its slot frees and the CPU returns to idle', async () => {
    const controller = new AbortController();
    const gone = fetch(largest(), { signal: controller.signal }).catch((err: Error) => err.name);
    for (let i = 0; i < 100 && (await getJson(`${server.url}/api/health`)).body.work.running === 0; i++)
      await sleep(20);
    await sleep(500);
    controller.abort();
    expect(await gone).toBe('AbortError');
    let work = { running: 1, waiting: 0 };
    for (let i = 0; i < 50 && work.running > 0; i++) {
      await sleep(20);
      work = (await getJson(`${server.url}/api/health`)).body.work;
    }
    expect(work).toEqual({ running: 0, waiting: 0 });
    // the 29 s of work it asked for stopped: within a second the process is idle
    await sleep(1000);
    const before = cpuTicks(server.child.pid!);
    await sleep(1000);
    expect(cpuTicks(server.child.pid!) - before).toBeLessThan(20); // under 0.2 s of CPU in 1 s
  }, 60_000);

  it('answers 503 with Retry-After at once when the queue is full', async () => {
    const small = await startServer([
      '--store',
      stores.store,
      '--db',
      stores.db,
      '--cache-mb',
      '0',
      '--max-expensive',
      '1',
      '--queue',
      '1',
    ]);
    try {
      const abandon = new AbortController();
      const runs = [1, 2].map(() =>
        fetch(largest().replace(server.url, small.url), { signal: abandon.signal }).catch(() => undefined),
      );
      for (let i = 0; i < 200; i++) {
        const w = (await getJson(`${small.url}/api/health`)).body.work;
        if (w.running === 1 && w.waiting === 1) break;
        await sleep(20);
      }
      const third = await fetch(largest().replace(server.url, small.url));
      expect(third.status).toBe(503);
      expect(third.headers.get('retry-after')).toBe('5');
      expect(await third.json()).toMatchObject({
        error: 'unavailable',
        code: 'unavailable',
        retryable: true,
      });
      // the two admitted ones are abandoned: their work stops, and the server stops at once
      abandon.abort();
      await Promise.all(runs);
    } finally {
      await small.stop();
    }
  }, 120_000);

  it('refuses an answer larger than --max-answer-mb with a 400 that says so', async () => {
    const tight = await startServer(['--store', stores.store, '--db', stores.db, '--max-answer-mb', '0.05']);
    try {
      const res = await getJson(
        `${tight.url}${tagPath(PYTHON)}/history?from=${TEN_YEARS.from}&to=${TEN_YEARS.to}&replay=true`,
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'bad-input', code: 'answer-too-large', retryable: false });
      expect(res.body.message).toMatch(/more than the 0\.1 MiB this server sends: ask a shorter range/);
      // a small answer still goes out
      expect((await getJson(`${tight.url}/api/health`)).status).toBe(200);
    } finally {
      await tight.stop();
    }
  }, 120_000);
});
