/**
 * "After VEX" through the API: `cleanroom serve --vex FILE` (Docker Hardened Images' real OpenVEX
 * document for python) answers `afterVex=true` on history, accumulation and compare with what the
 * library's `history --vex` / `compare --vex` return; /api/meta says how many statements it has;
 * the answers are never kept in the cache; a server without VEX documents refuses the rule, and
 * one given a bad VEX file does not start.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare } from '../src/history/compare.js';
import { history } from '../src/history/history.js';
import { track } from '../src/history/track.js';
import { getJson, startServer, tagPath, viaJson, type Server } from './api-helpers.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-api-vex-');
const sbom = fixture('history', 'debian', 'python-bookworm-pinned-2023-06-10.cdx.json');
const vex = fixture('vex', 'dhi', 'python', 'dhi-python.vex.json');
const TAG = 'python:bookworm-pinned';
const range = { from: '2025-08-01', to: '2025-08-31' };
const q = `from=${range.from}&to=${range.to}`;
let db: string;
let store: string;
let server: Server;
let plain: Server;

beforeAll(async () => {
  db = await buildDb(tmp.dir, [{ feed: 'osv', path: fixture('history', 'debian', 'osv') }]);
  store = join(tmp.dir, 'history.db');
  await track([sbom], { as: TAG, store, db, now: new Date('2025-05-01T00:00:00Z') });
  const at = '2025-08-20T12:00:00.000Z';
  await track([sbom], { as: TAG, store, db, at, now: new Date(at) });
  [server, plain] = await Promise.all([
    startServer(['--store', store, '--db', db, '--vex', vex]),
    startServer(['--store', store, '--db', db]),
  ]);
}, 300_000);
afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  expect(await plain?.stop()).toBe(0);
  tmp.cleanup();
});

describe('afterVex=true', () => {
  it('/api/meta says whether the server has VEX statements', async () => {
    expect((await getJson(`${server.url}/api/meta`)).body).toMatchObject({
      db: true,
      vex: { documents: 1, statements: 1004 },
    });
    expect((await getJson(`${plain.url}/api/meta`)).body).toMatchObject({
      db: true,
      vex: { documents: 0, statements: 0 },
    });
  });

  it('history, observed and replayed, equals the library with the same document', async () => {
    for (const replay of [true, false]) {
      const lib = await history(TAG, { ...range, store, db, replay, vex: [vex] });
      const url = `${server.url}${tagPath(TAG)}/history?${q}&replay=${replay}&afterVex=true`;
      const { status, body } = await getJson(url);
      expect(status).toBe(200);
      expect(body.vexStatements).toBe(1004);
      expect(body.points).toEqual(viaJson(lib.points));
      // and it is a different answer from the one without VEX
      const without = await getJson(`${server.url}${tagPath(TAG)}/history?${q}&replay=${replay}`);
      // CVE-2024-22365, CVE-2025-6020 (PAM), CVE-2025-6297 (dpkg), CVE-2024-28757 (expat), CVE-2025-4802 (glibc)
      expect(without.body.points.at(-1).total - body.points.at(-1).total).toBe(5);
    }
  });

  it('accumulation follows the same points', async () => {
    const lib = await history(TAG, { ...range, store, db, replay: true, vex: [vex] });
    const { body } = await getJson(
      `${server.url}${tagPath(TAG)}/accumulation?${q}&replay=true&afterVex=true`,
    );
    expect(body.points.map((p: { total: number }) => p.total)).toEqual(lib.points.map((p) => p.total));
  });

  it('compare, a pinned image too, equals the library', async () => {
    const refs = [`${TAG}@2023-06-10`, TAG];
    const lib = await compare(refs, { ...range, store, db, replay: true, vex: [vex] });
    const images = encodeURIComponent(refs.join(','));
    const { status, body } = await getJson(
      `${server.url}/api/compare?images=${images}&${q}&replay=true&afterVex=true`,
    );
    expect(status).toBe(200);
    expect(body).toEqual(viaJson(lib));
    // with another rule beside it, on the tag alone
    const pkg = await getJson(
      `${server.url}/api/compare?images=${encodeURIComponent(`${TAG},${TAG}`)}&${q}&replay=true&afterVex=true&countBy=package`,
    );
    expect(pkg.status).toBe(200);
    const byPackage = await getJson(
      `${server.url}/api/compare?images=${encodeURIComponent(`${TAG},${TAG}`)}&${q}&replay=true&countBy=package`,
    );
    // CVE-2024-22365 and CVE-2025-6020 in four PAM packages, CVE-2025-4802 in libc6 and libc-bin,
    // CVE-2025-6297 in dpkg, CVE-2024-28757 in libexpat1: 8 + 2 + 1 + 1
    expect(byPackage.body.images[0].latest.total - pkg.body.images[0].latest.total).toBe(12);
  });

  it('is kept in the answer cache under its own URL, apart from the answer without the rule', async () => {
    // the statements are read once at start, so an answer after VEX changes only with the store
    // or the DB file, as any replay (cache.ts)
    const url = `${server.url}${tagPath(TAG)}/history?${q}&afterVex=true`;
    const first = await getJson(url);
    const again = await fetch(url);
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(await again.json()).toEqual(first.body);
    const without = `${server.url}${tagPath(TAG)}/history?${q}`;
    const plainAnswer = await getJson(without);
    expect(plainAnswer.body).not.toEqual(first.body);
    expect((await fetch(without)).headers.get('x-cache')).toBe('hit');
  });

  it('a server without VEX documents refuses it; a bad VEX file stops serve', async () => {
    const { status, body } = await getJson(`${plain.url}${tagPath(TAG)}/history?${q}&afterVex=true`);
    expect(status).toBe(400);
    expect(body.message).toContain('afterVex');
    expect(body.message).toContain('--vex');
    const bad = join(tmp.dir, 'bad.vex.json');
    writeFileSync(bad, 'not json');
    await expect(startServer(['--store', store, '--db', db, '--vex', bad])).rejects.toThrow(bad);
  });
});
