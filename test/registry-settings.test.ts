/**
 * Registry settings users already have, as a user meets them: a registry behind TLS from a test CA
 * (openssl) is refused until its CA is given by --ca-file, SSL_CERT_FILE or a certs.d folder;
 * registries.conf sends pulls to a mirror first and falls back to the registry when the mirror
 * fails, marks a registry insecure (unverified TLS, or plain http); HTTPS_PROXY tunnels the pull
 * through a proxy unless NO_PROXY names the registry.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  gunzipTo,
  push,
  startRegistry,
  type TestRegistry,
} from '../src/image/registry/__fixtures__/registry-harness.js';
import {
  makeTestCa,
  startTlsRegistry,
  type TestCa,
} from '../src/image/registry/__fixtures__/tls-registry.js';
import { cli } from './cli-in-process.js';
import { fixture } from './fixtures.js';

const ENV_KEYS = [
  'XDG_CACHE_HOME',
  'CLEANROOM_CERTS_DIRS',
  'CONTAINERS_REGISTRIES_CONF',
  'SSL_CERT_FILE',
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

let work: string;
let ca: TestCa;
let tls: { host: string; stop: () => Promise<void> };
let plain: TestRegistry;
let emptyConf: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cleanroom-registry-settings-'));
  ca = await makeTestCa(work);
  tls = await startTlsRegistry(work, ca);
  plain = await startRegistry();
  const archive = await gunzipTo(fixture('images', 'alpine-3.9.4.docker.tar.gz'), work, 'alpine.tar');
  await push(`docker-archive:${archive}`, tls.host, 'alpine:3.9');
  await push(`docker-archive:${archive}`, plain.host, 'alpine:3.9');
  emptyConf = join(work, 'empty.conf');
  await writeFile(emptyConf, '');
}, 120_000);

afterAll(async () => {
  await tls?.stop();
  await plain?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

// every test starts from a machine with no CA, no certs.d, no registries.conf, no proxy
afterEach(() => {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});
function isolate(): void {
  for (const k of ENV_KEYS) delete process.env[k];
  process.env.XDG_CACHE_HOME = join(work, `cache-${Math.random().toString(36).slice(2)}`);
  process.env.CLEANROOM_CERTS_DIRS = join(work, 'no-certs');
  process.env.CONTAINERS_REGISTRIES_CONF = emptyConf;
}

async function sbom(ref: string, ...args: string[]) {
  const run = await cli('sbom', ref, '--format', 'json', ...args);
  const packages = run.code === 0 ? (JSON.parse(run.stdout) as { packages: unknown[] }).packages.length : 0;
  return { ...run, packages };
}

async function writeConf(text: string): Promise<void> {
  const path = join(work, `registries-${Math.random().toString(36).slice(2)}.conf`);
  await writeFile(path, text);
  process.env.CONTAINERS_REGISTRIES_CONF = path;
}

describe('a registry with TLS from a private CA', () => {
  it('is refused without the CA, naming the registry and where a CA goes', async () => {
    isolate();
    const run = await sbom(`${tls.host}/alpine:3.9`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot reach registry ${tls.host}: its TLS certificate is not trusted`);
    expect(run.stderr).toContain('--ca-file');
  });

  it('is pulled with --ca-file (before or after the command) and with SSL_CERT_FILE', async () => {
    isolate();
    const after = await sbom(`${tls.host}/alpine:3.9`, '--ca-file', ca.caPem);
    expect(after.code, after.stderr).toBe(0);
    expect(after.packages).toBe(14);
    const before = await cli('--ca-file', ca.caPem, 'sbom', `${tls.host}/alpine:3.9`, '--format', 'json');
    expect(before.code, before.stderr).toBe(0);
    // the option holds for its own run only
    expect((await sbom(`${tls.host}/alpine:3.9`)).code).toBe(2);
    process.env.SSL_CERT_FILE = ca.caPem;
    expect((await sbom(`${tls.host}/alpine:3.9`)).packages).toBe(14);
  });

  it('is pulled with the CA in a certs.d folder named after host:port, as Podman and Docker keep it', async () => {
    isolate();
    const containers = join(work, 'containers-certs.d');
    const docker = join(work, 'docker-certs.d');
    await mkdir(join(docker, tls.host), { recursive: true });
    await copyFile(ca.caPem, join(docker, tls.host, 'ca.crt'));
    process.env.CLEANROOM_CERTS_DIRS = `${containers}:${docker}`;
    const run = await sbom(`${tls.host}/alpine:3.9`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.packages).toBe(14);
    // a CA for another host does not open this one
    process.env.CLEANROOM_CERTS_DIRS = containers;
    await mkdir(join(containers, 'registry.example:5000'), { recursive: true });
    await copyFile(ca.caPem, join(containers, 'registry.example:5000', 'ca.crt'));
    expect((await sbom(`${tls.host}/alpine:3.9`)).code).toBe(2);
  });

  it('a CA file that is not PEM is one sentence naming it, exit 2', async () => {
    isolate();
    const bad = join(work, 'not-a-ca.pem');
    await writeFile(bad, 'hello');
    const run = await sbom(`${tls.host}/alpine:3.9`, '--ca-file', bad);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--ca-file ${bad} holds no PEM certificate`);
  });
});

describe('registries.conf', () => {
  it('insecure = true: a TLS registry without its CA, and a plain-http registry without --plain-http', async () => {
    isolate();
    await writeConf(
      `[[registry]]\nlocation = "${tls.host}"\ninsecure = true\n\n[[registry]]\nlocation = "${plain.host}"\ninsecure = true\n`,
    );
    expect((await sbom(`${tls.host}/alpine:3.9`)).packages).toBe(14);
    expect((await sbom(`${plain.host}/alpine:3.9`)).packages).toBe(14);
  });

  it('a mirror is tried first; when it fails the registry itself serves the pull', async () => {
    isolate();
    const seen: string[] = [];
    const mirror = await recorder(seen);
    await writeConf(
      [
        '[[registry]]',
        `prefix = "${tls.host}"`,
        `location = "${tls.host}"`,
        '[[registry.mirror]]',
        `location = "${mirror.host}/cache"`,
        'insecure = true',
      ].join('\n'),
    );
    try {
      const run = await sbom(`${tls.host}/alpine:3.9`, '--ca-file', ca.caPem);
      expect(run.code, run.stderr).toBe(0);
      expect(run.packages).toBe(14);
      // the mirror was asked for the manifest under its own path (the prefix rewritten), and failed
      expect(seen[0]).toBe('GET /v2/cache/alpine/manifests/3.9');
    } finally {
      await new Promise((r) => mirror.server.close(r));
    }
  });

  it('a mirror that has the image serves it, though the registry named is down', async () => {
    isolate();
    const down = `127.0.0.1:${await freePort()}`;
    await writeConf(
      [
        '[[registry]]',
        `location = "${down}"`,
        '[[registry.mirror]]',
        `location = "${plain.host}"`,
        'insecure = true',
      ].join('\n'),
    );
    const run = await sbom(`${down}/alpine:3.9`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.packages).toBe(14);
  });

  it('blocked = true refuses the pull; malformed TOML names the file and line', async () => {
    isolate();
    await writeConf(`[[registry]]\nlocation = "${plain.host}"\nblocked = true\n`);
    const blocked = await sbom(`${plain.host}/alpine:3.9`, '--plain-http');
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain(`pulling ${plain.host}/alpine is blocked by`);
    await writeConf('[[registry]\nlocation = 1\n');
    const bad = await sbom(`${plain.host}/alpine:3.9`, '--plain-http');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/registries-\w+\.conf is not valid TOML \(line 1\)/);
  });
});

describe('HTTPS_PROXY and NO_PROXY', () => {
  it('tunnels the pull through the proxy, and not when NO_PROXY names the registry', async () => {
    isolate();
    const tunnels: string[] = [];
    const proxy = await connectProxy(tunnels);
    try {
      process.env.HTTPS_PROXY = `http://${proxy.host}`;
      const through = await sbom(`${tls.host}/alpine:3.9`, '--ca-file', ca.caPem);
      expect(through.code, through.stderr).toBe(0);
      expect(tunnels.length).toBeGreaterThan(0);
      expect(new Set(tunnels)).toEqual(new Set([tls.host]));
      const count = tunnels.length;
      process.env.NO_PROXY = 'localhost,127.0.0.1';
      process.env.XDG_CACHE_HOME = join(work, 'cache-no-proxy');
      expect((await sbom(`${tls.host}/alpine:3.9`, '--ca-file', ca.caPem)).packages).toBe(14);
      expect(tunnels.length).toBe(count);
      // HTTPS_PROXY is for https only: a plain-http registry goes direct
      delete process.env.NO_PROXY;
      expect((await sbom(`${plain.host}/alpine:3.9`, '--plain-http')).packages).toBe(14);
      expect(tunnels.length).toBe(count);
    } finally {
      await proxy.close();
    }
  });
});

// An HTTP server that knows no image: every request is recorded and answered 404 MANIFEST_UNKNOWN.
async function recorder(seen: string[]): Promise<{ host: string; server: Server }> {
  const server = createHttpServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { host: `127.0.0.1:${port}`, server };
}

// A forward proxy that only tunnels (CONNECT), recording each target.
async function connectProxy(tunnels: string[]): Promise<{ host: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createHttpServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    host: `127.0.0.1:${port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
