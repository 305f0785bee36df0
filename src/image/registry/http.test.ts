import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpRequest } from './http.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});
async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('httpRequest', () => {
  it('retries 503 and 429 (honouring Retry-After) and then succeeds', async () => {
    let calls = 0;
    const base = await serve((_req, res) => {
      calls++;
      if (calls === 1) return void res.writeHead(503).end();
      if (calls === 2) return void res.writeHead(429, { 'retry-after': '1' }).end();
      res.end('ok');
    });
    const started = Date.now();
    const res = await httpRequest({ url: `${base}/x` }, { timeoutMs: 2000, retries: 3, backoffMs: 10 });
    expect(await res.text()).toBe('ok');
    expect(calls).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('gives up after the retries and returns the last answer', async () => {
    let calls = 0;
    const base = await serve((_req, res) => void (calls++, res.writeHead(502).end()));
    const res = await httpRequest({ url: base }, { timeoutMs: 2000, retries: 2, backoffMs: 5 });
    expect(res.status).toBe(502);
    expect(calls).toBe(3);
  });

  it('times out a server that never answers, in one sentence', async () => {
    const base = await serve(() => undefined);
    await expect(httpRequest({ url: base }, { timeoutMs: 200, retries: 0, backoffMs: 5 })).rejects.toThrow(
      `cannot reach registry ${new URL(base).host}: no answer within 0 s`,
    );
  });

  it('keeps Authorization on a same-origin redirect', async () => {
    const seen: (string | undefined)[] = [];
    const base = await serve((req, res) => {
      seen.push(req.headers.authorization);
      if (req.url === '/a') return void res.writeHead(302, { location: '/b' }).end();
      res.end('b');
    });
    await (await httpRequest({ url: `${base}/a`, headers: { authorization: 'Bearer t' } })).text();
    expect(seen).toEqual(['Bearer t', 'Bearer t']);
  });
});
