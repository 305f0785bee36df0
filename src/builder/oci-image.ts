/**
 * An OCI image (image-spec v1.1: https://github.com/opencontainers/image-spec) of one layer (and
 * any laid over it, as suggest's application layer): the gzip layers, its config and manifest, as content-addressed blobs. Deterministic: JSON with a fixed
 * key order, gzip with no timestamp (Node's zlib writes MTIME 0; the same Node gives the same bytes),
 * `created` from the build's fixed time.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
// Fixed-size pieces, each its own gzip member (RFC 1952 §2.2 allows a series of members; Go's and
// Node's readers, and so every container runtime, read them as one stream). Node compresses them on
// its thread pool in parallel, like pigz; the size is fixed so the bytes do not depend on the cores.
// Level 4: on the python example, 2.4 % larger than level 6 for 62 % of its CPU time.
const PIECE = 4 << 20;

/** The gzip of `data` as a series of members compressed in parallel. */
export async function parallelGzip(data: Buffer): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < data.length; i += PIECE) pieces.push(data.subarray(i, i + PIECE));
  if (pieces.length === 0) pieces.push(data);
  return Buffer.concat(await Promise.all(pieces.map((p) => gzipAsync(p, { level: 4 }))));
}

/** A blob and its descriptor fields. */
export interface Blob {
  digest: string;
  size: number;
  data: Buffer;
}

/** The runtime configuration of the image. */
export interface RunConfig {
  user: string;
  env: string[];
  entrypoint?: string[];
  cmd?: string[];
  workdir?: string;
  labels: Record<string, string>;
}

/** The blobs and descriptor of one platform's image. */
export interface PlatformImage {
  platform: { architecture: string; os: 'linux'; variant?: string };
  manifest: Blob;
  blobs: Blob[];
  diffId: string;
}

const blob = (data: Buffer): Blob => ({
  digest: `sha256:${createHash('sha256').update(data).digest('hex')}`,
  size: data.length,
  data,
});

/** The OCI platform of a Debian architecture (GOARCH names, as image indexes use them). */
export function ociPlatform(debianArch: string): PlatformImage['platform'] {
  const map: Record<string, PlatformImage['platform']> = {
    amd64: { architecture: 'amd64', os: 'linux' },
    arm64: { architecture: 'arm64', os: 'linux', variant: 'v8' },
    armhf: { architecture: 'arm', os: 'linux', variant: 'v7' },
    armel: { architecture: 'arm', os: 'linux', variant: 'v5' },
    i386: { architecture: '386', os: 'linux' },
    ppc64el: { architecture: 'ppc64le', os: 'linux' },
    s390x: { architecture: 's390x', os: 'linux' },
    mips64el: { architecture: 'mips64le', os: 'linux' },
    riscv64: { architecture: 'riscv64', os: 'linux' },
  };
  return map[debianArch] ?? { architecture: debianArch, os: 'linux' };
}

/** A layer laid over the root (cleanroom suggest's application files), and its history line. */
export interface ExtraLayer {
  tar: Buffer;
  createdBy: string;
}

/** Builds the layers, config and manifest of one platform from the root's tar (and layers over it). */
export async function platformImage(
  rootTar: Buffer,
  debianArch: string,
  run: RunConfig,
  created: string,
  history: string,
  extra: readonly ExtraLayer[] = [],
): Promise<PlatformImage> {
  const tars = [rootTar, ...extra.map((e) => e.tar)];
  const layers = await Promise.all(tars.map(async (t) => blob(await parallelGzip(t))));
  const diffIds = tars.map((t) => `sha256:${createHash('sha256').update(t).digest('hex')}`);
  const diffId = diffIds[0]!;
  const platform = ociPlatform(debianArch);
  const config = blob(
    Buffer.from(
      JSON.stringify({
        created,
        architecture: platform.architecture,
        ...(platform.variant ? { variant: platform.variant } : {}),
        os: 'linux',
        config: {
          User: run.user,
          Env: run.env,
          ...(run.entrypoint ? { Entrypoint: run.entrypoint } : {}),
          ...(run.cmd ? { Cmd: run.cmd } : {}),
          ...(run.workdir ? { WorkingDir: run.workdir } : {}),
          ...(Object.keys(run.labels).length ? { Labels: run.labels } : {}),
        },
        rootfs: { type: 'layers', diff_ids: diffIds },
        history: [
          { created, created_by: history },
          ...extra.map((e) => ({ created, created_by: e.createdBy })),
        ],
      }),
    ),
  );
  const manifest = blob(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: config.digest,
          size: config.size,
        },
        layers: layers.map((layer) => ({
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
          digest: layer.digest,
          size: layer.size,
        })),
      }),
    ),
  );
  return { platform, manifest, blobs: [config, ...layers, manifest], diffId };
}

/** The files of an OCI image layout (path → bytes) holding these platform images, tagged `tag`. */
export function layoutFiles(images: readonly PlatformImage[], tag: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  files.set('oci-layout', Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })));
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: images.map((i) => ({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: i.manifest.digest,
      size: i.manifest.size,
      platform: i.platform,
      annotations: { 'org.opencontainers.image.ref.name': tag },
    })),
  };
  files.set('index.json', Buffer.from(JSON.stringify(index)));
  for (const image of images)
    for (const b of image.blobs) files.set(`blobs/sha256/${b.digest.slice('sha256:'.length)}`, b.data);
  return files;
}
