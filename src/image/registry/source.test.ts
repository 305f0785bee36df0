import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.js';
import { InputError } from '../../errors.js';
import type { ProgressEvent } from '../types.js';
import { gunzippedSha256, sha256Of, tarMember, tarMemberBytes } from './__fixtures__/archive-facts.js';
import { type TestRegistry, gunzipTo, push, startRegistry } from './__fixtures__/registry-harness.js';
import { openRegistryImage, registrySource } from './source.js';

const FAST = { timeoutMs: 5_000, retries: 1, backoffMs: 50 };
let registry: TestRegistry;
let work: string;
let alpineTar: string;
const debianTar = fixture('images', 'debian-bookworm-slim.oci.tar');

beforeAll(async () => {
  registry = await startRegistry();
  work = await mkdtemp(join(tmpdir(), 'cleanroom-registry-test-'));
  alpineTar = await gunzipTo(fixture('images', 'alpine-3.9.4.docker.tar.gz'), work, 'alpine.tar');
  await push(`docker-archive:${alpineTar}`, registry.host, 'alpine:3.9');
  await push(`oci-archive:${debianTar}`, registry.host, 'debian:bookworm');
});
afterAll(async () => {
  await registry?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

const freshCache = () => mkdtemp(join(work, 'cache-'));

describe('pulling the fixture images from docker-registry', () => {
  it('gives the docker archive image: config, diff ids and layer contents', async () => {
    const archive = JSON.parse((await tarMemberBytes(alpineTar, 'manifest.json')).toString()) as {
      Config: string;
      Layers: string[];
    }[];
    const entry = archive[0]!;
    const configBytes = await tarMemberBytes(alpineTar, entry.Config);
    const rawConfig = JSON.parse(configBytes.toString()) as {
      rootfs: { diff_ids: string[] };
      architecture: string;
    };
    const layerDigest = await sha256Of(tarMember(alpineTar, entry.Layers[0]!));

    const events: ProgressEvent[] = [];
    const image = await openRegistryImage(`${registry.host}/alpine:3.9`, {
      plainHttp: true,
      cacheDir: await freshCache(),
      onProgress: (e) => events.push(e),
    });
    expect(image.configDigest).toBe(`sha256:${createHash('sha256').update(configBytes).digest('hex')}`);
    expect(image.config.diffIds).toEqual(rawConfig.rootfs.diff_ids);
    expect(image.config.architecture).toBe(rawConfig.architecture);
    expect(image.layers).toHaveLength(entry.Layers.length);
    expect(image.tags).toEqual(['3.9']);
    expect(image.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    // skopeo gzips the layer on push, so compare uncompressed contents
    expect(await gunzippedSha256(await image.layers[0]!.open())).toBe(layerDigest);
    expect(image.layers[0]!.diffId).toBe(layerDigest);
    const last = events.at(-1)!;
    expect(last.total).toBe(image.layers[0]!.descriptor.size);
    expect(last.done).toBe(last.total);
  });

  it('gives the OCI archive image byte for byte, by tag and by digest', async () => {
    const index = JSON.parse((await tarMemberBytes(debianTar, './index.json')).toString()) as {
      manifests: { digest: string }[];
    };
    const manifestDigest = index.manifests[0]!.digest;
    const manifest = JSON.parse(
      (await tarMemberBytes(debianTar, `./blobs/sha256/${manifestDigest.slice(7)}`)).toString(),
    ) as {
      config: { digest: string };
      layers: { digest: string; size: number }[];
    };
    const cacheDir = await freshCache();
    for (const ref of [
      `${registry.host}/debian:bookworm`,
      `${registry.host}/debian@${manifestDigest}`,
      `registry:${registry.host}/debian:bookworm@${manifestDigest}`,
    ]) {
      const image = await openRegistryImage(ref, { plainHttp: true, cacheDir });
      expect(image.digest).toBe(manifestDigest);
      expect(image.configDigest).toBe(manifest.config.digest);
      expect(image.layers.map((l) => l.descriptor.digest)).toEqual(manifest.layers.map((l) => l.digest));
      expect(image.sizeBytes).toBeGreaterThan(manifest.layers[0]!.size);
      expect(await sha256Of(await image.layers[0]!.open())).toBe(manifest.layers[0]!.digest);
    }
  });
});

describe('errors, one sentence each', () => {
  const expectInputError = async (p: Promise<unknown>, message: string | RegExp) => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(message);
    expect((err as InputError).exitCode).toBe(2);
  };

  it('registry down', async () => {
    const { freePort } = await import('./__fixtures__/registry-harness.js');
    const port = await freePort();
    await expectInputError(
      openRegistryImage(`127.0.0.1:${port}/alpine:3.9`, {
        plainHttp: true,
        http: FAST,
        cacheDir: await freshCache(),
      }),
      `cannot reach registry 127.0.0.1:${port}: connection refused`,
    );
  });

  it('unknown repository and unknown tag', async () => {
    const opts = { plainHttp: true, http: FAST, cacheDir: await freshCache() };
    await expectInputError(
      openRegistryImage(`${registry.host}/nope:1`, opts),
      `unknown repository ${registry.host}/nope: the registry has no such repository`,
    );
    await expectInputError(
      openRegistryImage(`${registry.host}/alpine:3.99`, opts),
      `unknown tag 3.99 in ${registry.host}/alpine`,
    );
    const digest = `sha256:${'0'.repeat(64)}`;
    await expectInputError(
      openRegistryImage(`${registry.host}/alpine@${digest}`, opts),
      `unknown manifest ${digest} in ${registry.host}/alpine`,
    );
  });

  it('https against a plain http registry suggests --plain-http', async () => {
    await expectInputError(
      openRegistryImage(`${registry.host}/alpine:3.9`, { http: FAST, cacheDir: await freshCache() }),
      /--plain-http/,
    );
  });
});

describe('registrySource.detect', () => {
  it('claims image references, not existing paths', async () => {
    expect(await registrySource.detect('alpine:3.9')).toBe(true);
    expect(await registrySource.detect(`${registry.host}/alpine@sha256:${'a'.repeat(64)}`)).toBe(true);
    expect(await registrySource.detect(debianTar)).toBe(false);
    expect(await registrySource.detect('/no/such/file.tar')).toBe(false);
  });
});
