/**
 * `cleanroom serve --store postgres://…` against Debian's PostgreSQL, started by the test: read
 * routes answer what the library answers for the same store, and a write route (POST /api/track
 * with a write token, recorded on the server's own pool) is visible to the next read at once,
 * although the server keeps answers in memory.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, history } from '../src/index.js';
import { openHistoryStore } from '../src/history/store/open.js';
import { createToken } from '../src/history/store/queries-tokens.js';
import { tagMoves } from '../src/history/store/read.js';
import { track } from '../src/history/track.js';
import { getJson, startServer, tagPath, viaJson, type Server } from './api-helpers.js';
import { fixture } from './fixtures.js';
import { postgresBin, startPostgres } from './postgres.test-helper.js';
import { buildDb, tempDir } from './scan-helpers.js';

const bin = postgresBin();
if (!bin)
  console.warn('skipping the PostgreSQL API test: no /usr/lib/postgresql/*/bin/pg_ctl on this machine');

const PYTHON = 'cgr.dev/chainguard/python:latest';
const OTHER = 'example/python:copy';
const range = { from: '2024-01-01', to: '2024-03-31' };
const q = `from=${range.from}&to=${range.to}`;
const folder = fixture('history', 'wolfi', 'python');
const sboms = readdirSync(folder)
  .filter((f) => f.endsWith('.cdx.json'))
  .sort()
  .map((f) => join(folder, f));

describe.skipIf(!bin)('serve on PostgreSQL', () => {
  const tmp = tempDir('cleanroom-api-pg-');
  let pg: { url: string; stop(): void };
  let server: Server;
  let db: string;
  let writeToken: string;

  beforeAll(async () => {
    pg = await startPostgres(bin!);
    db = await buildDb(tmp.dir, [{ feed: 'wolfi-advisories', path: fixture('wolfi-advisories') }]);
    // the first quarter of 2024 under two names: enough for history and compare
    const quarter = sboms.filter((f) => /2024-0[1-3]-/.test(f));
    await track(quarter, { as: PYTHON, store: pg.url, db });
    await track(quarter.slice(0, 10), { as: OTHER, store: pg.url, db });
    const s = await openHistoryStore(pg.url);
    writeToken = (await createToken(s, 'write', 'test')).token;
    await s.close();
    server = await startServer(['--store', pg.url, '--db', db]);
  }, 300_000);

  afterAll(async () => {
    if (server) expect(await server.stop()).toBe(0);
    pg?.stop();
    tmp.cleanup();
  });

  it('history, compare and digests equal the library', async () => {
    for (const round of [1, 2]) {
      // the second round is answered from the server's memory: still the library's answer
      const res = await fetch(`${server.url}${tagPath(PYTHON)}/history?${q}`);
      expect(res.status, `round ${round}`).toBe(200);
      expect(res.headers.get('x-cache')).toBe(round === 2 ? 'hit' : null);
      const api = { body: (await res.json()) as unknown };
      expect(api.body).toEqual(viaJson(await history(PYTHON, { store: pg.url, db, ...range })));
    }
    const lib = await compare([PYTHON, OTHER], { store: pg.url, db, ...range });
    const api = await getJson(
      `${server.url}/api/compare?images=${encodeURIComponent(`${PYTHON},${OTHER}`)}&${q}`,
    );
    expect(api.body).toEqual(viaJson(lib));
    const s = await openHistoryStore(pg.url);
    const moves = await tagMoves(s, { image: 'example/python', tag: 'copy' });
    await s.close();
    expect((await getJson(`${server.url}${tagPath(OTHER)}/digests`)).body.digests).toEqual(moves);
  });

  it('POST /api/track with a write token records on the store, and the next read shows it', async () => {
    const before = await getJson(`${server.url}${tagPath(OTHER)}/history?${q}`);
    const next = sboms.find((f) => f.includes('2024-03-'))!;
    const res = await getJson(`${server.url}/api/track?as=${encodeURIComponent(OTHER)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${writeToken}` },
      body: readFileSync(next, 'utf8'),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ image: 'example/python', tag: 'copy', recorded: 1 });
    const after = await getJson(`${server.url}${tagPath(OTHER)}/history?${q}`);
    expect(after.body.points.length).toBe(before.body.points.length + 1);
    expect(after.body).toEqual(viaJson(await history(OTHER, { store: pg.url, db, ...range })));
  });
});
