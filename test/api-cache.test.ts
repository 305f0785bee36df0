/**
 * The answers `cleanroom serve` keeps in memory are dropped as soon as the store changes, whoever
 * writes: here another process's connection (the library's `track`) on the SQLite store; a
 * replayed answer is also dropped when `db update` swaps a new advisory DB file in.
 */
import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { history } from '../src/index.js';
import { track } from '../src/history/track.js';
import { startServer, tagPath, viaJson, type Server } from './api-helpers.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';

const PYTHON = 'cgr.dev/chainguard/python:latest';
const range = { from: '2024-01-01', to: '2024-03-31' };
const url = () => `${server.url}${tagPath(PYTHON)}/history?from=${range.from}&to=${range.to}`;
const folder = fixture('history', 'wolfi', 'python');
const quarter = readdirSync(folder)
  .filter((f) => /^2024-0[1-3]-.*\.cdx\.json$/.test(f))
  .sort()
  .map((f) => join(folder, f));
const tmp = tempDir('cleanroom-api-cache-');
const store = join(tmp.dir, 'history.db');
let db: string;
let server: Server;

beforeAll(async () => {
  db = await buildDb(tmp.dir, [{ feed: 'wolfi-advisories', path: fixture('wolfi-advisories') }]);
  await track(quarter.slice(0, 10), { as: PYTHON, store, db });
  server = await startServer(['--store', store, '--db', db]);
}, 120_000);
afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  tmp.cleanup();
});

it('serves a kept answer until another process writes, then the new one', async () => {
  const first = await fetch(url());
  expect(first.headers.get('x-cache')).toBeNull();
  const kept = await fetch(url());
  expect(kept.headers.get('x-cache')).toBe('hit');
  expect(await kept.json()).toEqual(await first.json());
  // a revalidation of the kept answer is a 304 too
  const etag = kept.headers.get('etag')!;
  expect((await fetch(url(), { headers: { 'if-none-match': etag } })).status).toBe(304);

  await track(quarter.slice(10, 12), { as: PYTHON, store, db });
  const fresh = await fetch(url());
  expect(fresh.headers.get('x-cache')).toBeNull();
  const body = (await fresh.json()) as { points: unknown[] };
  expect(body).toEqual(viaJson(await history(PYTHON, { store, db, ...range })));
  expect(body.points).toHaveLength(12);
  expect(fresh.headers.get('etag')).not.toBe(etag);
});

it('keeps a replayed answer until the advisory DB file is swapped, then replays with the new build', async () => {
  const replayed = `${url()}&replay=true`;
  const first = await fetch(replayed);
  expect(first.headers.get('x-cache')).toBeNull();
  const before = (await first.json()) as { points: { total: number }[] };
  expect(before.points.some((p) => p.total > 0)).toBe(true);
  const kept = await fetch(replayed);
  expect(kept.headers.get('x-cache')).toBe('hit');
  expect(await kept.json()).toEqual(before);
  // `db update` swaps a new build in by rename: here one without the Wolfi advisories
  const next = await buildDb(tmp.dir, [{ feed: 'alpine-secdb', path: fixture('alpine-secdb') }], 'next.db');
  renameSync(next, db);
  const fresh = await fetch(replayed);
  expect(fresh.headers.get('x-cache')).toBeNull();
  const after = (await fresh.json()) as { points: { total: number }[] };
  expect(after).toEqual(viaJson(await history(PYTHON, { store, db, ...range, replay: true })));
  expect(after.points.every((p) => p.total === 0)).toBe(true);
  expect((await fetch(replayed)).headers.get('x-cache')).toBe('hit');
});
