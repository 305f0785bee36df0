import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.js';
import {
  type TestRegistry,
  gunzipTo,
  push,
  pushBlob,
  pushManifest,
  startRegistry,
} from './__fixtures__/registry-harness.js';
import { openRegistryImage } from './source.js';

let registry: TestRegistry;
let work: string;
let amd64Digest: string;
let arm64Digest: string;
const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

// Builds a two-platform index at test time: the alpine fixture as linux/amd64, and the same layer
// with a config rewritten to arm64/v8 as a second platform; the index itself is PUT by hand.
beforeAll(async () => {
  registry = await startRegistry();
  work = await mkdtemp(join(tmpdir(), 'cleanroom-platform-test-'));
  const tar = await gunzipTo(fixture('images', 'alpine-3.9.4.docker.tar.gz'), work, 'alpine.tar');
  await push(`docker-archive:${tar}`, registry.host, 'multi:amd64');
  const accept = { accept: 'application/vnd.docker.distribution.manifest.v2+json' };
  const amdBytes = Buffer.from(
    await (
      await fetch(`http://${registry.host}/v2/multi/manifests/amd64`, { headers: accept })
    ).arrayBuffer(),
  );
  amd64Digest = sha(amdBytes);
  const amd = JSON.parse(amdBytes.toString()) as {
    config: { digest: string; size: number; mediaType: string };
    layers: unknown[];
    mediaType: string;
  };
  const config = JSON.parse(
    Buffer.from(
      await (await fetch(`http://${registry.host}/v2/multi/blobs/${amd.config.digest}`)).arrayBuffer(),
    ).toString(),
  ) as Record<string, unknown>;
  const armConfig = Buffer.from(JSON.stringify({ ...config, architecture: 'arm64', variant: 'v8' }));
  await pushBlob(registry.host, 'multi', armConfig, sha(armConfig));
  const armManifest = Buffer.from(
    JSON.stringify({ ...amd, config: { ...amd.config, digest: sha(armConfig), size: armConfig.length } }),
  );
  arm64Digest = sha(armManifest);
  await pushManifest(registry.host, 'multi', 'arm64', armManifest, amd.mediaType);
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: amd.mediaType,
          digest: amd64Digest,
          size: amdBytes.length,
          platform: { os: 'linux', architecture: 'amd64' },
        },
        {
          mediaType: amd.mediaType,
          digest: arm64Digest,
          size: armManifest.length,
          platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
        },
        {
          mediaType: amd.mediaType,
          digest: arm64Digest,
          size: armManifest.length,
          platform: { os: 'unknown', architecture: 'unknown' },
        },
      ],
    }),
  );
  await pushManifest(registry.host, 'multi', 'latest', index, 'application/vnd.oci.image.index.v1+json');
});
afterAll(async () => {
  await registry?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a multi-platform index', () => {
  const open = async (platform?: string) =>
    openRegistryImage(`${registry.host}/multi`, {
      plainHttp: true,
      cacheDir: join(work, 'cache'),
      ...(platform ? { platform } : {}),
    });

  it('gives linux/amd64 by default and when asked', async () => {
    for (const image of [await open(), await open('linux/amd64')]) {
      expect(image.digest).toBe(amd64Digest);
      expect(image.config.architecture).toBe('amd64');
      expect(image.platform).toEqual({ os: 'linux', architecture: 'amd64' });
      expect(image.tags).toEqual(['latest']);
    }
  });

  it('gives the other platform present, with or without its variant', async () => {
    for (const platform of ['linux/arm64', 'linux/arm64/v8']) {
      const image = await open(platform);
      expect(image.digest).toBe(arm64Digest);
      expect(image.config.architecture).toBe('arm64');
      expect(image.config.variant).toBe('v8');
    }
  });

  it('names the platforms present when the wanted one is absent', async () => {
    await expect(open('linux/s390x')).rejects.toThrow(
      `${registry.host}/multi:latest has no image for platform linux/s390x; present: linux/amd64, linux/arm64/v8`,
    );
    await expect(open('linux/arm64/v7')).rejects.toThrow(
      /no image for platform linux\/arm64\/v7; present: linux\/amd64, linux\/arm64\/v8/,
    );
    await expect(open('linux')).rejects.toThrow(/--platform linux is not of the form os\/arch/);
  });
});
