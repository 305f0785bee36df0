/**
 * What the API may make a real `cleanroom serve` read and reach (issue 22): a local path given to
 * POST /api/track is refused, with one sentence whether it exists or not, unless it lies under
 * `--allow-path`; a watch on a loopback registry is refused before anything connects to it; a
 * registry the operator allowed cannot lead the server to a token realm on a loopback address.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/history/store/queries-tokens.js';
import { openHistoryStore } from '../src/history/store/open.js';
import { addWatches, listWatches } from '../src/worker/watches.js';
import { getJson, startServer, type Server } from './api-helpers.js';
import { fixture } from './fixtures.js';
import { freePort } from './free-port.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-server-egress-');
const store = join(tmp.dir, 'history.db');
const allowed = join(tmp.dir, 'allowed');
let token: string;
let admin: string;
let server: Server;
// a listener standing for an internal service: it counts every connection it receives
let internal: HttpServer;
let internalPort: number;
let connections = 0;

const post = (url: string, body: unknown) =>
  getJson(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  const s = await openHistoryStore(store);
  token = (await createToken(s, 'write')).token;
  admin = (await createToken(s, 'admin')).token;
  await s.close();
  const db = await buildDb(tmp.dir, [{ feed: 'alpine-secdb', path: fixture('alpine-secdb') }]);
  mkdirSync(allowed);
  copyFileSync(fixture('images', 'alpine-3.9.4.docker.tar.gz'), join(allowed, 'alpine.tar.gz'));
  internalPort = await freePort();
  internal = createHttpServer((_req, res) => res.end('{}'));
  internal.on('connection', () => (connections += 1));
  await new Promise<void>((ok) => internal.listen(internalPort, '127.0.0.1', ok));
  server = await startServer(['--store', store, '--db', db, '--allow-path', allowed]);
}, 120_000);
afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  internal?.close();
  tmp.cleanup();
});

describe('POST /api/track with a reference', () => {
  it('refuses a local path, in the same words whether it exists or not', async () => {
    const answers = await Promise.all(
      [
        '/etc/passwd',
        '/etc',
        '/no/such/dir',
        '../../etc',
        `${tmp.dir}/history.db`,
        'oci-dir:/etc',
        './x.tar',
      ].map((reference) => post(`${server.url}/api/track?as=x:1`, { reference })),
    );
    for (const a of answers) {
      expect(a.status).toBe(400);
      expect(a.body).toMatchObject({ error: 'bad-input', retryable: false });
      expect(a.body.message).toContain('is not a registry reference');
      expect(a.body.message).not.toMatch(/exist|not a container image/);
    }
  });

  it('reads an archive under --allow-path', async () => {
    const res = await post(`${server.url}/api/track?as=alpine:3.9`, {
      reference: join(allowed, 'alpine.tar.gz'),
    });
    expect(res.status).toBe(201);
    expect(res.body.points).toHaveLength(1);
  });

  it('refuses a registry on a loopback address without connecting to it', async () => {
    const res = await post(`${server.url}/api/track?as=x:1`, { reference: `127.0.0.1:${internalPort}/x:y` });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(
      `registry 127.0.0.1:${internalPort} is not reachable from this server`,
    );
    const watch = await post(`${server.url}/api/watches`, {
      refs: [`127.0.0.1:${internalPort}/x:y`],
      plainHttp: true,
    });
    expect(watch.status).toBe(400);
    const viaSource = await post(`${server.url}/api/watches`, {
      refs: ['x:y'],
      source: `localhost:${internalPort}/x:y`,
    });
    expect(viaSource.status).toBe(400);
    const metadata = await post(`${server.url}/api/watches`, { refs: ['169.254.169.254/latest:y'] });
    expect(metadata.status).toBe(400);
    expect(connections).toBe(0);
    expect((await getJson(`${server.url}/api/watches`)).body.watches).toEqual([]);
  });
});

describe('an allowed registry', () => {
  it('cannot lead the server to a token realm on a loopback address', async () => {
    // a TLS registry on 127.0.0.1 (its own CA given by SSL_CERT_FILE), allowed by --registry-allow,
    // whose challenge names the internal listener as its realm
    const key = join(tmp.dir, 'key.pem');
    const cert = join(tmp.dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    let registryHits = 0;
    const registry = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => {
      registryHits += 1;
      res.writeHead(401, {
        'www-authenticate': `Bearer realm="http://127.0.0.1:${internalPort}/token",service="x"`,
        'content-type': 'application/json',
      });
      res.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
    });
    const port = await freePort();
    await new Promise<void>((ok) => registry.listen(port, '127.0.0.1', ok));
    const db = join(tmp.dir, 'advisory.db');
    const open = await startServer(['--store', store, '--db', db, '--registry-allow', `127.0.0.1:${port}`], {
      SSL_CERT_FILE: cert,
    });
    try {
      const res = await post(`${open.url}/api/track?as=x:1`, { reference: `127.0.0.1:${port}/x:y` });
      expect(registryHits).toBeGreaterThan(0);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(
        `registry 127.0.0.1:${internalPort} is not reachable from this server`,
      );
      expect(connections).toBe(0);
      // a watch added through the API is pulled by the server's scheduler under the same policy
      const watchStore = join(tmp.dir, 'watched.db');
      await addWatches([`127.0.0.1:${port}/x:y`], { store: watchStore, origin: 'api' });
      const hitsBefore = registryHits;
      const watching = await startServer(
        ['--store', watchStore, '--db', db, '--registry-allow', `127.0.0.1:${port}`, '--watch'],
        { SSL_CERT_FILE: cert },
      );
      try {
        let failed: string | null = null;
        for (let i = 0; i < 300 && !failed; i++) {
          await new Promise((r) => setTimeout(r, 200));
          failed = (await listWatches({ store: watchStore }))[0]!.lastError;
        }
        expect(registryHits).toBeGreaterThan(hitsBefore);
        expect(failed).toContain(`registry 127.0.0.1:${internalPort} is not reachable from this server`);
        expect(connections).toBe(0);
      } finally {
        await watching.stop();
      }
    } finally {
      await open.stop();
      registry.close();
    }
  }, 120_000);
});

describe('a watch that failed on the network', () => {
  it('says "unreachable" to readers; an admin token sees the detail', async () => {
    const detail = `team/app:x: cannot reach registry 10.0.0.7:5000: connection refused`;
    const s = await openHistoryStore(store);
    await addWatches(['team/app:x'], { openStore: s });
    await s.db
      .updateTable('watch' as never)
      .set({ last_error: detail, failed_at: new Date().toISOString() } as never)
      .execute();
    await s.close();
    const anyone = (await getJson(`${server.url}/api/watches`)).body.watches;
    expect(anyone[0].lastError).toBe('team/app:x: the registry was unreachable');
    const admins = (
      await getJson(`${server.url}/api/watches`, { headers: { authorization: `Bearer ${admin}` } })
    ).body.watches;
    expect(admins[0].lastError).toBe(detail);
  });
});
