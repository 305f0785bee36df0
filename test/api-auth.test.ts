/**
 * Writes need a Bearer token of the right scope: 401 without one on every write route, 403 with a
 * read token, and a revoked token stops working at once. `--private` closes reads too. The OpenAPI
 * document validates against the official OpenAPI 3.1 schema and names every registered route.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../src/history/store/open.js';
import { createToken, revokeToken } from '../src/history/store/queries-tokens.js';
import { buildApp, registeredRoutes } from '../src/server/app.js';
import { openServerContext } from '../src/server/context.js';
import { getJson, startServer, type Server } from './api-helpers.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-api-auth-');
const store = `${tmp.dir}/history.db`;
let server: Server;
let closed: Server;
const tokens: Record<string, string> = {};

const WRITES: [string, string, unknown][] = [
  ['POST', '/api/track?as=a:b', { bomFormat: 'CycloneDX' }],
  ['POST', '/api/import?as=a:b', {}],
  ['PUT', '/api/settings', { roi: { hourlyRate: 120 } }],
  ['GET', '/api/tokens', undefined],
  ['POST', '/api/tokens', { scope: 'read' }],
  ['DELETE', '/api/tokens/000000000000', undefined],
  ['POST', '/api/watches', { refs: ['a:b'] }],
  ['DELETE', '/api/watches?ref=a:b', undefined],
];
const send = (url: string, method: string, body: unknown, token?: string) =>
  getJson(url, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });

beforeAll(async () => {
  const s = await openHistoryStore(store);
  for (const scope of ['read', 'write', 'admin'] as const)
    tokens[scope] = (await createToken(s, scope)).token;
  await s.close();
  // the watches added through the API below name a registry on localhost: allowed by the operator
  server = await startServer([
    '--store',
    store,
    '--db',
    `${tmp.dir}/none.db`,
    '--registry-allow',
    'localhost:5000',
  ]);
  closed = await startServer(['--store', store, '--db', `${tmp.dir}/none.db`, '--private']);
}, 60_000);
afterAll(async () => {
  expect(await server.stop()).toBe(0);
  expect(await closed.stop()).toBe(0);
  tmp.cleanup();
});

describe('tokens', () => {
  it.each(WRITES)('%s %s: 401 without a token, 403 with a read token', async (method, path, body) => {
    expect((await send(`${server.url}${path}`, method, body)).status).toBe(401);
    expect((await send(`${server.url}${path}`, method, body, 'crt_000000000000_forged')).status).toBe(401);
    expect((await send(`${server.url}${path}`, method, body, tokens.read)).status).toBe(403);
  });

  it('a write token writes settings; an admin token manages tokens; revocation is immediate', async () => {
    const put = await send(`${server.url}/api/settings`, 'PUT', { roi: { hourlyRate: 120 } }, tokens.write);
    expect(put).toMatchObject({ status: 200, body: { roi: { hourlyRate: 120 } } });
    expect((await getJson(`${server.url}/api/settings`)).body).toEqual({ roi: { hourlyRate: 120 } });
    const created = await send(
      `${server.url}/api/tokens`,
      'POST',
      { scope: 'write', name: 'ci' },
      tokens.admin,
    );
    expect(created.status).toBe(201);
    const ok = await send(`${server.url}/api/settings`, 'PUT', { sla: { critical: 3 } }, created.body.token);
    expect(ok.status).toBe(200);
    const s = await openHistoryStore(store);
    await revokeToken(s, created.body.id);
    await s.close();
    expect(
      (await send(`${server.url}/api/settings`, 'PUT', { sla: { critical: 3 } }, created.body.token)).status,
    ).toBe(401);
    const list = (await send(`${server.url}/api/tokens`, 'GET', undefined, tokens.admin)).body.tokens;
    expect(JSON.stringify(list)).not.toContain(created.body.token);
    expect(list.find((t: { id: string }) => t.id === created.body.id).revokedAt).not.toBeNull();
  });

  it('a write token adds, lists and removes watches; bad input is a 400 naming it', async () => {
    const added = await send(
      `${server.url}/api/watches`,
      'POST',
      { refs: ['localhost:5000/app:1.2', 'python:3.12'], every: '6h', plainHttp: true },
      tokens.write,
    );
    expect(added.status).toBe(201);
    expect(added.body.watches.map((w: { ref: string }) => w.ref)).toEqual([
      'localhost:5000/app:1.2',
      'python:3.12',
    ]);
    expect(added.body.watches[0]).toMatchObject({ everySeconds: 21_600, plainHttp: true, lastError: null });
    // the CLI reads the same watches from the same store
    const { listWatches } = await import('../src/worker/watches.js');
    expect((await listWatches({ store })).map((w) => w.ref)).toEqual([
      'localhost:5000/app:1.2',
      'python:3.12',
    ]);
    const listed = (await getJson(`${server.url}/api/watches`)).body.watches;
    expect(listed).toHaveLength(2);
    const bad = await send(
      `${server.url}/api/watches`,
      'POST',
      { refs: ['python:3.12'], every: '6x' },
      tokens.write,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/every/);
    const unknown = await send(`${server.url}/api/watches?ref=nope:1`, 'DELETE', undefined, tokens.write);
    expect(unknown.status).toBe(404);
    expect((await getJson(`${server.url}/api/watches`)).body.watches).toHaveLength(2);
    const removed = await send(
      `${server.url}/api/watches?ref=python:3.12&ref=localhost:5000/app:1.2`,
      'DELETE',
      undefined,
      tokens.write,
    );
    expect(removed).toMatchObject({ status: 200, body: { removed: 2 } });
    expect((await getJson(`${server.url}/api/watches`)).body.watches).toEqual([]);
  });

  it('--private closes reads but not health', async () => {
    expect((await getJson(`${closed.url}/api/images`)).status).toBe(401);
    expect(
      (await getJson(`${closed.url}/api/images`, { headers: { authorization: `Bearer ${tokens.read}` } }))
        .status,
    ).toBe(200);
    expect((await getJson(`${closed.url}/api/health`)).status).toBe(200);
    // the console's files hold no data: served, so that the console can ask for a token
    const page = await fetch(`${closed.url}/compare`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await getJson(`${closed.url}/api/nothing-here`)).status).toBe(401);
    expect((await getJson(`${server.url}/api/images`)).status).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('validates against the OpenAPI 3.1 schema and names every registered route', async () => {
    const doc = (await getJson(`${server.url}/api/openapi.json`)).body;
    const validator = new Validator();
    expect(await validator.validate(doc)).toEqual({ valid: true });
    expect(validator.version).toBe('3.1');
    // the routes the server registers, collected in process from the same buildApp
    const ctx = await openServerContext(store, `${tmp.dir}/none.db`);
    const app = await buildApp(ctx);
    await app.ready();
    const registered = registeredRoutes(app);
    await app.close();
    await ctx.close();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.sort()).toEqual(registered.sort());
  });
});
