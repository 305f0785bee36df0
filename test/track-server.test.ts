/**
 * CI feeds a server: `track IMAGE --server URL --token T` against a real `cleanroom serve`
 * records the observation on the server's store (the image is pulled and catalogued here, its
 * SBOM sent); a read token or none is refused with one sentence naming the scope, exit 2; a 503
 * (here from a proxy in front of the real server) is retried after its Retry-After. `import
 * --server` sends a Trivy result the same way.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../src/history/store/open.js';
import { createToken } from '../src/history/store/queries-tokens.js';
import { startServer, type Server } from './api-helpers.js';
import { cli } from './cli-in-process.js';
import { fixture } from './fixtures.js';
import { freePort } from './free-port.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-track-server-');
const store = join(tmp.dir, 'server-history.db');
const localStore = join(tmp.dir, 'local-history.db');
const alpine39 = fixture('images', 'alpine-3.9.4.docker.tar.gz');
let server: Server;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const db = await buildDb(tmp.dir, [{ feed: 'alpine-secdb', path: fixture('alpine-secdb') }]);
  const s = await openHistoryStore(store);
  for (const scope of ['read', 'write'] as const) tokens[scope] = (await createToken(s, scope)).token;
  await s.close();
  server = await startServer(['--store', store, '--db', db]);
}, 120_000);
afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  tmp.cleanup();
});

async function tags(image: string): Promise<{ tag: string; digest?: string }[]> {
  const res = await fetch(`${server.url}/api/images/${encodeURIComponent(image)}/tags`);
  if (res.status === 404) return [];
  expect(res.status).toBe(200);
  const body = (await res.json()) as { tags: { tag: string; digest?: string }[] };
  return body.tags;
}

describe('track --server', () => {
  it('with a write token records the observation on the server, and nothing locally', async () => {
    expect(await tags('ci/app')).toEqual([]);
    const run = await cli(
      'track',
      alpine39,
      '--as',
      'ci/app:main',
      '--at',
      '2019-05-11',
      '--server',
      server.url,
      '--token',
      tokens.write!,
      '--store',
      localStore,
      '--format',
      'json',
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      recorded: number;
      points: { source: string; digest: string; total: number }[];
    };
    expect(result.recorded).toBe(1);
    expect(result.points[0]?.source).toBe(alpine39);
    expect(result.points[0]?.digest).toMatch(/^sha256:/);
    expect(result.points[0]?.total).toBeGreaterThan(0);
    const recorded = await tags('ci/app');
    expect(recorded.map((t) => t.tag)).toEqual(['main']);
    expect(existsSync(localStore)).toBe(false);
    // the same scan again is the same observation: the server says so
    const again = await cli(
      'track',
      alpine39,
      '--as',
      'ci/app:main',
      '--at',
      '2019-05-11',
      '--server',
      server.url,
      '--token',
      tokens.write!,
      '--format',
      'json',
    );
    expect(JSON.parse(again.stdout)).toMatchObject({ recorded: 0, unchanged: 1 });
  });

  it('with a read token: exit 2 naming the scope; without one: exit 2 asking for a write token', async () => {
    const read = await cli(
      'track',
      alpine39,
      '--as',
      'ci/app:read',
      '--server',
      server.url,
      '--token',
      tokens.read!,
    );
    expect(read.code).toBe(2);
    expect(read.stderr).toContain(`the server ${server.url} refused the token`);
    expect(read.stderr).toMatch(/scope read does not allow this route \(needs write\)/);
    const saved = process.env.CLEANROOM_TOKEN;
    delete process.env.CLEANROOM_TOKEN;
    try {
      const none = await cli('track', alpine39, '--as', 'ci/app:none', '--server', server.url);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('needs a token with scope write');
      process.env.CLEANROOM_TOKEN = tokens.write;
      const fromEnv = await cli('track', alpine39, '--as', 'ci/app:env', '--server', server.url);
      expect(fromEnv.code, fromEnv.stderr).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.CLEANROOM_TOKEN;
      else process.env.CLEANROOM_TOKEN = saved;
    }
    expect((await tags('ci/app')).map((t) => t.tag).sort()).toEqual(['env', 'main']);
  });

  it('a 503 with Retry-After is waited out and the request sent again', async () => {
    const seen: number[] = [];
    const proxy = await flakyProxy(server.url, seen);
    try {
      const run = await cli(
        'track',
        alpine39,
        '--as',
        'ci/app:retried',
        '--server',
        proxy.url,
        '--token',
        tokens.write!,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(seen).toEqual([503, 201]);
      expect(run.stderr).toContain('the server answered 503; trying again in 1 s');
      expect((await tags('ci/app')).map((t) => t.tag)).toContain('retried');
    } finally {
      await new Promise((r) => proxy.server.close(r));
    }
  });

  it('bad input stops before any work: a --server that is not a URL, --token without --server', async () => {
    const bad = await cli('track', alpine39, '--as', 'a:b', '--server', 'cleanroom.example.com');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--server "cleanroom.example.com" is not a URL');
    const lone = await cli('track', alpine39, '--as', 'a:b', '--token', 'crt_x');
    expect(lone.code).toBe(2);
    expect(lone.stderr).toContain('--token goes with --server');
  });
});

describe('import --server', () => {
  it('sends a Trivy result; the server records it labelled with Trivy', async () => {
    const golden = fixture('peer', 'trivy', 'golden', 'alpine-39.json.golden');
    const run = await cli(
      'import',
      golden,
      '--as',
      'ci/trivy:3.9',
      '--server',
      server.url,
      '--token',
      tokens.write!,
      '--format',
      'json',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      image: 'ci/trivy',
      tag: '3.9',
      format: 'trivy',
      recorded: 1,
    });
    expect((await tags('ci/trivy')).map((t) => t.tag)).toEqual(['3.9']);
    const read = await cli(
      'import',
      golden,
      '--as',
      'ci/trivy:3.9',
      '--server',
      server.url,
      '--token',
      tokens.read!,
    );
    expect(read.code).toBe(2);
    expect(read.stderr).toMatch(/scope read does not allow this route \(needs write\)/);
  });
});

// A proxy that answers the first request 503 (Retry-After: 1) and forwards the rest to `target`.
async function flakyProxy(target: string, seen: number[]): Promise<{ url: string; server: HttpServer }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (seen.length === 0) {
        seen.push(503);
        res.writeHead(503, { 'retry-after': '1', 'content-type': 'application/json' });
        res.end('{"error":"unavailable","code":"unavailable","message":"restarting","retryable":true}');
        return;
      }
      void fetch(`${target}${req.url}`, {
        method: req.method,
        headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' },
        body: Buffer.concat(chunks),
      }).then(async (answer) => {
        seen.push(answer.status);
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(await answer.text());
      });
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}`, server };
}
