/** An OCI layout holding a nested multi-platform index, written by the test. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../errors.js';
import {
  makeTar,
  sha256,
  writeImageBlobs,
  writeLayoutIndex,
  type WrittenImage,
} from '../../__fixtures__/build-layout.js';
import { readImage } from '../../reader/read-image.js';
import { openSource } from '../../sources.js';

const PLATFORMS = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64', variant: 'v8' },
  { os: 'linux', architecture: 'arm', variant: 'v7' },
];
let dir: string;
const images: WrittenImage[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cleanroom-multi-'));
  const children = [];
  for (const platform of PLATFORMS) {
    const layer = await makeTar([{ name: 'etc/arch', content: platform.architecture }]);
    const img = await writeImageBlobs(dir, { layers: [layer], platform });
    images.push(img);
    children.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: img.manifestDigest,
      size: img.manifestSize,
      platform,
    });
  }
  // buildx adds attestation manifests with platform unknown/unknown: they must be ignored.
  children.push({ ...children[0], platform: { os: 'unknown', architecture: 'unknown' } });
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: children,
    }),
  );
  const digest = sha256(index);
  await writeFile(join(dir, 'blobs', 'sha256', digest.slice(7)), index);
  await writeLayoutIndex(dir, [
    {
      mediaType: 'application/vnd.oci.image.index.v1+json',
      digest,
      size: index.length,
      annotations: { 'org.opencontainers.image.ref.name': 'multi' },
    },
  ]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function archOf(platform?: string): Promise<{ arch: string; digest?: string; platform?: string }> {
  const source = await openSource(dir, platform === undefined ? {} : { platform });
  const { view, target } = await readImage(source, (p) => p === '/etc/arch');
  await source.close();
  return {
    arch: (await view.readFile('/etc/arch')).toString(),
    digest: target.digest,
    platform: target.platform,
  };
}

describe('multi-platform OCI index', () => {
  it('chooses linux/amd64 by default', async () => {
    expect(await archOf()).toEqual({
      arch: 'amd64',
      digest: images[0]!.manifestDigest,
      platform: 'linux/amd64',
    });
  });

  it('chooses another present platform when asked', async () => {
    expect(await archOf('linux/arm64')).toMatchObject({ arch: 'arm64', digest: images[1]!.manifestDigest });
    expect(await archOf('linux/arm/v7')).toMatchObject({ arch: 'arm', platform: 'linux/arm/v7' });
  });

  it('names the platforms present when the one asked is absent', async () => {
    const err = await openSource(`oci-dir:${dir}:multi`, { platform: 'linux/s390x' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(
      `${dir} has no image for platform linux/s390x; platforms present: linux/amd64, linux/arm64/v8, linux/arm/v7.`,
    );
  });
});

describe('gzipped OCI layout tar', () => {
  it('is recognised by its content once decompressed', async () => {
    const gz = join(dir, '..', `${basename(dir)}.oci.tar.gz`);
    execFileSync('sh', ['-c', `tar -cf - -C '${dir}' . | gzip > '${gz}'`]);
    try {
      const source = await openSource(`${gz}:multi`, { platform: 'linux/arm64' });
      const { view, target } = await readImage(source, (p) => p === '/etc/arch');
      await source.close();
      expect(target.source).toBe('oci-archive');
      expect((await view.readFile('/etc/arch')).toString()).toBe('arm64');
    } finally {
      await rm(gz, { force: true });
    }
  });
});
