/**
 * The egress policy at the connection (DNS rebinding, issue 22): under a policy the registry
 * client connects only to an address it checked, resolved once. A name that resolves to a public
 * address for the check and to 127.0.0.1 a moment later is refused, and the listener on
 * 127.0.0.1 receives nothing; an allowed name is connected to at the very address that was
 * checked, never through a second resolution.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatcherFor } from './dispatcher.js';
import { EgressRefusedError, egressConnector, withEgressPolicy, type EgressPolicy } from './egress-policy.js';
import { httpRequest } from './http.js';
import { useCaFile } from './tls-settings.js';

const QUICK = { timeoutMs: 5000, retries: 0, backoffMs: 5 };
let server: Server;
let port: number;
let connections: number;
let hosts: (string | undefined)[];

beforeEach(async () => {
  connections = 0;
  hosts = [];
  server = createServer((req, res) => {
    hosts.push(req.headers.host);
    res.end('{}');
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

// what a connection through `egressConnector(policy)` to `hostname` on the listener's port ends in
const connectWith = (policy: EgressPolicy, hostname: string) =>
  new Promise<Error | null>((done) =>
    egressConnector(policy)(
      { hostname, host: `${hostname}:${port}`, protocol: 'http:', port: String(port) },
      (...args) => {
        args[1]?.destroy();
        done(args[0]);
      },
    ),
  );

// a resolver that gives each answer in turn (the last one from then on), counting its calls
function answers(...seq: string[][]): EgressPolicy['resolve'] & { calls: number } {
  const resolve = async () => seq[Math.min(resolve.calls++, seq.length - 1)]!;
  resolve.calls = 0;
  return resolve;
}

describe('under an egress policy', () => {
  it('refuses a name that resolves to a public address for the check and to loopback for the connection', async () => {
    // `localhost` really is 127.0.0.1: a connection that resolved the name again would reach the
    // listener; the policy's connection resolves it once, through the policy, and refuses
    const resolve = answers(['93.184.216.34'], ['127.0.0.1']);
    const policy = { allow: [], resolve };
    const err = await withEgressPolicy(policy, () =>
      httpRequest({ url: `http://localhost:${port}/v2/` }, QUICK),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EgressRefusedError);
    expect((err as Error).message).toBe(
      `registry localhost:${port} is not reachable from this server: it is a loopback, link-local, private or reserved address (an operator allows it with --registry-allow)`,
    );
    expect(resolve.calls).toBe(2); // the check before the request, then the connection's own
    expect(connections).toBe(0);
  });

  it('refuses loopback at the connection itself, whatever was checked before', async () => {
    const policy = { allow: [], resolve: answers(['127.0.0.1']) };
    const err = await connectWith(policy, 'registry.example');
    expect(err).toBeInstanceOf(EgressRefusedError);
    expect(err!.message).toContain(`registry registry.example:${port} is not reachable`);
    expect(connections).toBe(0);
  });

  it('refuses every address when one of them is internal (the connection cannot pick the public one)', async () => {
    const policy = { allow: [], resolve: answers(['93.184.216.34', '127.0.0.1']) };
    const err = await connectWith(policy, 'two.example');
    expect(err).toBeInstanceOf(EgressRefusedError);
    expect(connections).toBe(0);
  });

  it('refuses a real name that resolves to loopback (the system resolver)', async () => {
    const err = await withEgressPolicy({ allow: [] }, () =>
      httpRequest({ url: `http://localhost:${port}/v2/` }, QUICK),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EgressRefusedError);
    expect(connections).toBe(0);
  });

  it('connects to the address it checked: a name nothing else can resolve reaches the allowed listener', async () => {
    // `.invalid` never resolves (RFC 6761): the request can only have gone to the checked address
    const resolve = answers(['127.0.0.1']);
    const policy = { allow: ['127.0.0.0/8'], resolve };
    const res = await withEgressPolicy(policy, () =>
      httpRequest({ url: `http://registry.invalid:${port}/v2/` }, QUICK),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{}');
    expect(connections).toBe(1);
    expect(hosts).toEqual([`registry.invalid:${port}`]); // the name still goes in the Host header
  });

  it('verifies TLS against the name while connecting to the checked address', async () => {
    // a registry whose certificate names registry.test only, on 127.0.0.1, its CA trusted
    const dir = mkdtempSync(join(tmpdir(), 'cleanroom-egress-tls-'));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1'].concat([
        '-subj',
        '/CN=registry.test',
        '-addext',
        'subjectAltName=DNS:registry.test',
      ]),
      { stdio: 'ignore' },
    );
    const tls = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) =>
      res.end(req.headers.host),
    );
    await new Promise<void>((ok) => tls.listen(0, '127.0.0.1', ok));
    const tlsPort = (tls.address() as AddressInfo).port;
    useCaFile(cert);
    try {
      const policy = { allow: ['registry.test', 'other.test'], resolve: answers(['127.0.0.1']) };
      const res = await withEgressPolicy(policy, () =>
        httpRequest({ url: `https://registry.test:${tlsPort}/v2/` }, QUICK),
      );
      expect(await res.text()).toBe(`registry.test:${tlsPort}`);
      // the same address under a name the certificate does not hold is not trusted
      await expect(
        withEgressPolicy(policy, () => httpRequest({ url: `https://other.test:${tlsPort}/v2/` }, QUICK)),
      ).rejects.toThrow(/its TLS certificate is not trusted \(ERR_TLS_CERT_ALTNAME_INVALID\)/);
    } finally {
      useCaFile(undefined);
      tls.closeAllConnections();
      await new Promise((ok) => tls.close(ok));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps connections under a policy apart from the free ones (the CLI)', () => {
    const url = new URL(`http://localhost:${port}/`);
    const policy = { allow: [] };
    expect(dispatcherFor(url, {}, undefined)).toBeUndefined();
    const governed = dispatcherFor(url, {}, policy);
    expect(governed).toBeDefined();
    expect(dispatcherFor(url, {}, policy)).toBe(governed);
    expect(dispatcherFor(url, {}, { allow: [] })).not.toBe(governed);
  });
});

describe('without a policy (the CLI)', () => {
  it('connects to loopback as before', async () => {
    const res = await httpRequest({ url: `http://localhost:${port}/v2/` }, QUICK);
    expect(res.status).toBe(200);
    expect(connections).toBe(1);
  });
});
