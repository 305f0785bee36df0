/**
 * Test support: writes small OCI image layouts and docker archives at test time, so that each
 * test states the exact layers it needs (whiteouts, links, hostile names) instead of shipping
 * binary fixtures. Digests and diff ids are computed here with node:crypto, independently of the
 * code under test.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface EntrySpec {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
}

export const sha256 = (b: Buffer): string => 'sha256:' + createHash('sha256').update(b).digest('hex');

/** A tar (uncompressed) of the entries, in the given order. */
export async function makeTar(entries: EntrySpec[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const e of entries) {
    const type = e.type ?? 'file';
    const content = type === 'file' ? Buffer.from(e.content ?? '') : undefined;
    const header = {
      name: e.name,
      type,
      mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644),
      linkname: e.linkname,
    };
    await new Promise<void>((resolve, reject) => {
      pack.entry(
        content === undefined ? header : { ...header, size: content.length },
        content ?? '',
        (err) => (err ? reject(err) : resolve()),
      );
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export interface ImageSpec {
  layers: Buffer[];
  /** how each layer blob is stored */
  compress?: (tarBytes: Buffer) => Buffer;
  platform?: { os: string; architecture: string; variant?: string };
  createdBy?: string[];
  /** wrong diff ids, for tests of verification */
  diffIds?: string[];
}

export interface WrittenImage {
  manifestDigest: string;
  manifestSize: number;
  diffIds: string[];
  blobDigests: string[];
  configDigest: string;
}

async function writeBlob(dir: string, bytes: Buffer): Promise<string> {
  const digest = sha256(bytes);
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  await writeFile(join(dir, 'blobs', 'sha256', digest.slice(7)), bytes);
  return digest;
}

/** Writes the blobs (layers, config, manifest) of one image into the layout folder `dir`. */
export async function writeImageBlobs(dir: string, spec: ImageSpec): Promise<WrittenImage> {
  const compress = spec.compress ?? ((b: Buffer) => gzipSync(b));
  const diffIds = spec.diffIds ?? spec.layers.map(sha256);
  const blobs = spec.layers.map(compress);
  const blobDigests = await Promise.all(blobs.map((b) => writeBlob(dir, b)));
  const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' };
  const config = Buffer.from(
    JSON.stringify({
      created: '2024-01-02T03:04:05Z',
      ...platform,
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: spec.layers.map((_, i) => ({ created_by: spec.createdBy?.[i] ?? `layer ${i}` })),
    }),
  );
  const configDigest = await writeBlob(dir, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: config.length,
      },
      layers: blobs.map((b, i) => ({
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: blobDigests[i],
        size: b.length,
      })),
    }),
  );
  const manifestDigest = await writeBlob(dir, manifest);
  return { manifestDigest, manifestSize: manifest.length, diffIds, blobDigests, configDigest };
}

/** Writes oci-layout and index.json listing the given manifest descriptors. */
export async function writeLayoutIndex(dir: string, manifests: object[]): Promise<void> {
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests }));
}

/** Writes a one-image OCI layout tagged `tag`; returns what was written. */
export async function writeLayout(dir: string, spec: ImageSpec, tag = 'latest'): Promise<WrittenImage> {
  const img = await writeImageBlobs(dir, spec);
  await writeLayoutIndex(dir, [
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: img.manifestDigest,
      size: img.manifestSize,
      annotations: { 'org.opencontainers.image.ref.name': tag },
    },
  ]);
  return img;
}
