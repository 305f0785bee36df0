/**
 * Auth first and one error shape (issue 22), against a real `cleanroom serve`: the token check runs
 * before the body is read (an unauthenticated body, even malformed, is a 401, and under
 * `--private` a bad query is a 401, not a 400), and every error, the framework's included (a URL
 * that is not UTF-8, a request line too long, an unknown route, a body over the limit), answers
 * `{ error, code, message, retryable }`.
 */
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createToken } from '../src/history/store/queries-tokens.js';
import { openHistoryStore } from '../src/history/store/open.js';
import { getJson, startServer, type Server } from './api-helpers.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-server-errors-');
const store = join(tmp.dir, 'history.db');
let token: string;
let open: Server;
let closed: Server;

const shape = (body: unknown) =>
  expect(body).toEqual(
    expect.objectContaining({
      error: expect.any(String),
      code: expect.any(String),
      message: expect.any(String),
      retryable: expect.any(Boolean),
    }),
  );

// a raw request, for what fetch refuses to send (a path that is not percent-encoded UTF-8)
function raw(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string> } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests index the answers freely
): Promise<{ status: number; body: any }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    // a body announced but not sent: the answer comes from the headers alone
    if (!init.headers?.['content-length']) req.end();
    else req.flushHeaders();
  });
}

beforeAll(async () => {
  const s = await openHistoryStore(store);
  token = (await createToken(s, 'write')).token;
  await s.close();
  open = await startServer(['--store', store, '--db', join(tmp.dir, 'none.db')]);
  closed = await startServer(['--store', store, '--db', join(tmp.dir, 'none.db'), '--private']);
}, 180_000);
afterAll(async () => {
  expect(await open?.stop()).toBe(0);
  expect(await closed?.stop()).toBe(0);
  tmp.cleanup();
});

it('checks the token before the body is read', async () => {
  // 30 MB of malformed JSON: parsed, it would be a 400; unread, a 401
  const body = `{${'x'.repeat(30 * 1024 * 1024)}`;
  const res = await getJson(`${open.url}/api/import?as=a:1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  expect(res.status).toBe(401);
  shape(res.body);
  expect(res.body).toMatchObject({ error: 'unauthorized', retryable: false });
  // with the token, the same body is read and refused for what it is
  const read = await getJson(`${open.url}/api/import?as=a:1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  expect(read.status).toBe(400);
  shape(read.body);
  expect(read.body.code).toBe('FST_ERR_CTP_INVALID_JSON_BODY');
});

it('answers 401 before validating the query of a private server', async () => {
  const res = await getJson(`${closed.url}/api/images?limit=100000`);
  expect(res.status).toBe(401);
  shape(res.body);
  expect(JSON.stringify(res.body)).not.toContain('limit');
});

it('answers the framework errors in the API shape', async () => {
  const badUrl = await raw(open.url, '/%E0%A4%A');
  expect(badUrl.status).toBe(400);
  shape(badUrl.body);
  const apiBadUrl = await raw(open.url, '/api/images/%E0%A4%A/tags');
  expect(apiBadUrl.status).toBe(400);
  shape(apiBadUrl.body);
  const long = await raw(open.url, `/api/images?x=${'a'.repeat(100_000)}`);
  expect(long.status).toBe(431);
  shape(long.body);
  const missing = await getJson(`${open.url}/api/nope`);
  expect(missing.status).toBe(404);
  shape(missing.body);
  expect(missing.body).toMatchObject({ error: 'not-found', code: 'not-found', retryable: false });
  // a body announced over the limit is refused from its Content-Length, before it is sent
  const tooBig = await raw(open.url, '/api/import?as=a:1', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': String(33 * 1024 * 1024),
      authorization: `Bearer ${token}`,
    },
  });
  expect(tooBig.status).toBe(413);
  shape(tooBig.body);
  expect(tooBig.body).toMatchObject({ error: 'bad-input', code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
  const validation = await getJson(`${open.url}/api/images?limit=0`);
  expect(validation.status).toBe(400);
  shape(validation.body);
  expect(validation.body.parameter).toBe('limit');
});
