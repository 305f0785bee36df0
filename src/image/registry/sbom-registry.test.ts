/**
 * End to end: `cleanroom sbom HOST/IMAGE --plain-http` against Debian's docker-registry gives the
 * same inventory as the archive the image was pushed from, and registry failures exit with 2.
 * Expectations come from test/sbom-expected.ts (dpkg-query listing, apk db read with tar).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedImages } from '../../../test/sbom-expected.js';
import { fixture } from '../../../test/fixtures.js';
import { NotFoundError, UnavailableError, httpStatusOf, isRetryable } from '../../errors.js';
import { sbom } from '../../sbom.js';
import {
  freePort,
  gunzipTo,
  push,
  startRegistry,
  type TestRegistry,
} from './__fixtures__/registry-harness.js';

const ROOT = resolve(import.meta.dirname, '../../..');
let registry: TestRegistry;
let work: string;
let cacheHome: string;

beforeAll(async () => {
  registry = await startRegistry();
  work = await mkdtemp(join(tmpdir(), 'cleanroom-registry-sbom-'));
  cacheHome = join(work, 'xdg-cache');
  await push(
    `docker-archive:${await gunzipTo(fixture('images', 'alpine-3.9.4.docker.tar.gz'), work, 'alpine.tar')}`,
    registry.host,
    'alpine:3.9',
  );
  await push(
    `oci-archive:${fixture('images', 'debian-bookworm-slim.oci.tar')}`,
    registry.host,
    'debian:bookworm',
  );
});
afterAll(async () => {
  await registry?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

// The CLI as a user runs it (from the TypeScript sources through tsx), with stdout piped.
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const code =
    "import('./src/cli/main.ts').then((m) => m.main(process.argv)).then((c) => { process.exitCode = c; })";
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', code, '--', 'cleanroom', ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cacheHome },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', fail);
    child.on('close', (c) => done({ code: c, stdout, stderr }));
  });
}

const triples = (inv: Awaited<ReturnType<typeof sbom>>) =>
  inv.packages.map((p) => [p.name, p.version, p.source?.name ?? p.name] as [string, string, string]).sort();

describe('sbom of registry images', () => {
  const [alpine, , debian] = expectedImages();

  it.each([
    ['alpine:3.9', alpine!],
    ['debian:bookworm', debian!],
  ])('%s gives the same inventory as its archive', async (name, expected) => {
    const archive = await sbom(fixture('images', expected.file));
    const pulled = await sbom(`${registry.host}/${name}`, { plainHttp: true, cacheDir: join(work, 'cache') });
    expect(triples(pulled)).toEqual([...expected.packages].sort());
    expect(pulled.packages).toEqual(archive.packages);
    expect(pulled.distro).toEqual(archive.distro);
    const digest = pulled.target.digest;
    expect(digest).toMatch(/^sha256:/);
    const byDigest = await sbom(`${registry.host}/${name.split(':')[0]}@${digest}`, {
      plainHttp: true,
      cacheDir: join(work, 'cache'),
    });
    expect(byDigest.packages).toEqual(archive.packages);
  });

  it('through the CLI: json on stdout, blobs in $XDG_CACHE_HOME/cleanroom', async () => {
    const run = await cli(['sbom', `${registry.host}/alpine:3.9`, '--plain-http', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { packages: { name: string }[] };
    expect(doc.packages.map((p) => p.name).sort()).toEqual(alpine!.packages.map((p) => p[0]).sort());
    expect((await readdir(join(cacheHome, 'cleanroom', 'blobs', 'sha256'))).length).toBe(2); // config + layer
  });

  it('through the CLI: registry down, unknown repository, unknown tag exit 2 with one sentence', async () => {
    const port = await freePort();
    // three separate processes, run at once: each pays tsx's start-up
    const [down, repo, tag] = await Promise.all([
      cli(['sbom', `127.0.0.1:${port}/alpine:3.9`, '--plain-http']),
      cli(['sbom', `${registry.host}/nope:1`, '--plain-http']),
      cli(['sbom', `${registry.host}/alpine:9.9`, '--plain-http']),
    ]);
    expect([down.code, down.stderr]).toEqual([
      2,
      `cleanroom: cannot reach registry 127.0.0.1:${port}: connection refused.\n`,
    ]);
    expect([repo.code, repo.stderr]).toEqual([
      2,
      `cleanroom: unknown repository ${registry.host}/nope: the registry has no such repository.\n`,
    ]);
    expect([tag.code, tag.stderr]).toEqual([
      2,
      `cleanroom: unknown tag 9.9 in ${registry.host}/alpine: the registry has no such image.\n`,
    ]);
  });

  it('gives the API and workers a stable code: not-found for an unknown tag, unavailable (retryable) when down', async () => {
    const cacheDir = join(work, 'cache');
    const missing: unknown = await sbom(`${registry.host}/alpine:9.9`, { plainHttp: true, cacheDir }).catch(
      (e: unknown) => e,
    );
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(httpStatusOf(missing)).toBe(404);
    const port = await freePort();
    const down: unknown = await sbom(`127.0.0.1:${port}/alpine:3.9`, { plainHttp: true, cacheDir }).catch(
      (e: unknown) => e,
    );
    expect(down).toBeInstanceOf(UnavailableError);
    expect([httpStatusOf(down), isRetryable(down)]).toEqual([503, true]);
  });
});
