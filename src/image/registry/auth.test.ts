import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.js';
import { InputError } from '../../errors.js';
import { type AuthProxy, startAuthProxy } from './__fixtures__/auth-proxy.js';
import { type TestRegistry, gunzipTo, push, startRegistry } from './__fixtures__/registry-harness.js';
import { openRegistryImage } from './source.js';

const USER = 'tester';
const PASSWORD = 'pa55-Secret-word-7731';
const TOKEN = 'tok-3f9a8b7c6d5e4f3a2b1c';
const REFRESH = 'refresh-91ce22d0a7';
const FAST = { timeoutMs: 5_000, retries: 1, backoffMs: 50 };
const SECRETS = [PASSWORD, TOKEN, REFRESH, Buffer.from(`${USER}:${PASSWORD}`).toString('base64')];

let registry: TestRegistry;
let proxy: AuthProxy;
let work: string;
const savedEnv = { DOCKER_CONFIG: process.env.DOCKER_CONFIG, PATH: process.env.PATH };

beforeAll(async () => {
  registry = await startRegistry();
  work = await mkdtemp(join(tmpdir(), 'cleanroom-auth-test-'));
  const tar = await gunzipTo(fixture('images', 'alpine-3.9.4.docker.tar.gz'), work, 'alpine.tar');
  await push(`docker-archive:${tar}`, registry.host, 'private/alpine:3.9');
  proxy = await startAuthProxy({
    upstream: registry.host,
    username: USER,
    password: PASSWORD,
    token: TOKEN,
    scope: 'repository:private/alpine:pull',
    refreshToken: REFRESH,
  });
});
afterAll(async () => {
  process.env.DOCKER_CONFIG = savedEnv.DOCKER_CONFIG;
  process.env.PATH = savedEnv.PATH;
  await proxy?.stop();
  await registry?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});
beforeEach(() => {
  proxy.corruptBlob = undefined;
  proxy.redirectBlobs = false;
  proxy.mode = 'bearer';
  proxy.anonymousTokens = false;
});

async function dockerConfig(config: unknown): Promise<void> {
  const dir = await mkdtemp(join(work, 'docker-config-'));
  await writeFile(join(dir, 'config.json'), JSON.stringify(config));
  process.env.DOCKER_CONFIG = dir;
}
const withAuth = () =>
  dockerConfig({ auths: { [proxy.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } } });
const open = async (repo = 'private/alpine:3.9', cacheDir?: string) =>
  openRegistryImage(`${proxy.host}/${repo}`, {
    plainHttp: true,
    http: FAST,
    cacheDir: cacheDir ?? (await mkdtemp(join(work, 'cache-'))),
  });

// Every text an error carries: message, causes, stack. None may hold a secret.
function everything(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause)
    parts.push(String(e), (e as Error).stack ?? '', JSON.stringify(e));
  return parts.join('\n');
}
async function failure(p: Promise<unknown>): Promise<InputError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  for (const secret of SECRETS) expect(everything(err)).not.toContain(secret);
  return err as InputError;
}

describe('a registry that demands a bearer token', () => {
  it('works with credentials from config.json', async () => {
    await withAuth();
    const image = await open();
    expect(image.layers).toHaveLength(1);
    expect(proxy.counts.tokens).toBeGreaterThan(0);
  });

  it('fails with "authentication required" without credentials', async () => {
    await dockerConfig({});
    const err = await failure(open());
    expect(err.message).toBe(
      `authentication required for ${proxy.host}/private/alpine: no credentials found (run docker login ${proxy.host})`,
    );
  });

  it('says so when an anonymous token does not open the repository', async () => {
    await dockerConfig({});
    proxy.anonymousTokens = true;
    const err = await failure(open());
    expect(err.message).toBe(
      `authentication required for ${proxy.host}/private/alpine: no credentials found (run docker login ${proxy.host}), or the repository does not exist`,
    );
  });

  it('says the credentials were rejected, without echoing them', async () => {
    await dockerConfig({
      auths: { [`https://${proxy.host}`]: { username: USER, password: `${PASSWORD}-wrong` } },
    });
    const err = await failure(open());
    expect(err.message).toMatch(
      `access denied to ${proxy.host}/private/alpine: the token server refused the credentials from`,
    );
    expect(everything(err)).not.toContain(`${PASSWORD}-wrong`);
  });

  it('gets no token for another scope', async () => {
    await withAuth();
    const err = await failure(open('private/other:1'));
    expect(err.message).toMatch(`access denied to ${proxy.host}/private/other`);
  });

  it('works with a credential helper on PATH', async () => {
    const bin = join(work, 'bin');
    await mkdir(bin, { recursive: true });
    const script = join(bin, 'docker-credential-test');
    await writeFile(
      script,
      `#!/bin/sh\nread server\nif [ "$1" = get ] && [ "$server" = "${proxy.host}" ]; then\n  printf '{"ServerURL":"%s","Username":"${USER}","Secret":"${PASSWORD}"}' "$server"\nelse\n  echo "credentials not found in native keychain"; exit 1\nfi\n`,
    );
    await chmod(script, 0o755);
    process.env.PATH = `${bin}:${savedEnv.PATH}`;
    await dockerConfig({ credHelpers: { [proxy.host]: 'test' } });
    expect((await open()).layers).toHaveLength(1);
    await dockerConfig({ credsStore: 'test' });
    expect((await open()).layers).toHaveLength(1);
  });

  it('exchanges an identity token (OAuth2 refresh token) for an access token', async () => {
    await dockerConfig({ auths: { [proxy.host]: { identitytoken: REFRESH } } });
    expect((await open()).layers).toHaveLength(1);
    await dockerConfig({ auths: { [proxy.host]: { identitytoken: `${REFRESH}-stale` } } });
    expect((await failure(open())).message).toMatch(
      `access denied to ${proxy.host}/private/alpine: the token server refused`,
    );
  });

  it('answers a Basic challenge with the configured credentials', async () => {
    proxy.mode = 'basic';
    await withAuth();
    expect((await open()).layers).toHaveLength(1);
    await dockerConfig({});
    expect((await failure(open())).message).toBe(
      `authentication required for ${proxy.host}/private/alpine: no credentials found (run docker login ${proxy.host})`,
    );
    await dockerConfig({ auths: { [proxy.host]: { username: USER, password: 'nope-not-it' } } });
    const err = await failure(open());
    expect(err.message).toBe(
      `access denied to ${proxy.host}/private/alpine: the registry rejected the credentials`,
    );
    expect(everything(err)).not.toContain('nope-not-it');
  });

  it('does not forward Authorization when a blob redirects to another origin', async () => {
    await withAuth();
    proxy.redirectBlobs = true;
    const before = proxy.counts.cdn;
    await open();
    expect(proxy.counts.cdn - before).toBe(2); // config and layer
    expect(proxy.cdnAuthorization.every((h) => h === undefined)).toBe(true);
  });
});

describe('digests and the cache', () => {
  it('refuses a blob whose bytes do not match its digest and caches nothing', async () => {
    await withAuth();
    const image = await open(); // learn the layer digest from a clean pull
    const layer = image.layers[0]!.descriptor.digest;
    proxy.corruptBlob = layer;
    const cacheDir = await mkdtemp(join(work, 'cache-'));
    const err = await failure(open('private/alpine:3.9', cacheDir));
    expect(err.message).toBe(
      `layer ${layer} of ${proxy.host}/private/alpine:3.9 does not match its digest (got ${err.message.match(/got (sha256:[a-f0-9]{64})/)?.[1]}, ${image.layers[0]!.descriptor.size} bytes of ${image.layers[0]!.descriptor.size}); nothing was cached`,
    );
    const cached = await readdir(join(cacheDir, 'blobs', 'sha256'));
    expect(cached).not.toContain(layer.slice(7));
    expect(cached.filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('serves a second run from the cache: no blob request reaches the registry', async () => {
    await withAuth();
    const cacheDir = await mkdtemp(join(work, 'cache-'));
    await open('private/alpine:3.9', cacheDir);
    const blobsBefore = proxy.counts.blobs;
    const manifestsBefore = proxy.counts.manifests;
    const image = await open('private/alpine:3.9', cacheDir);
    expect(proxy.counts.blobs).toBe(blobsBefore);
    expect(proxy.counts.manifests).toBe(manifestsBefore + 1); // the tag is still resolved
    expect((await image.layers[0]!.open()).readable).toBe(true);
  });
});
