/**
 * Resolves an image in an OCI image layout (image-spec image-layout.md), folder or tar alike:
 * index.json, nested indexes, a tag chosen by the `org.opencontainers.image.ref.name` annotation,
 * a platform chosen among those present, and the manifest and config read and checked against
 * their digests. Docker v2 manifest lists and manifests are read the same way.
 */
import { InputError } from '../../../errors.js';
import {
  INDEX_TYPES,
  MANIFEST_TYPES,
  configSchema,
  indexSchema,
  manifestSchema,
  ociLayoutSchema,
  toImageConfig,
} from '../../manifest-schemas.js';
import { parseJson, verifyDigest } from '../../parse-json.js';
import { formatPlatform } from '../../reader/target-info.js';
import type { BlobStore } from '../../tar/blob-store.js';
import type { Descriptor, Platform, ResolvedImage } from '../../types.js';
import { buildImage } from './build-image.js';
import { DEFAULT_PLATFORM, parsePlatform, platformMatches } from './platform.js';

const REF_NAME = 'org.opencontainers.image.ref.name';

export interface LayoutRequest {
  reference: string;
  /** what to call the layout in sentences: its path */
  what: string;
  tag?: string;
  platform?: string;
  close(): Promise<void>;
}

interface Candidate {
  descriptor: Descriptor;
  tag?: string;
  platform?: Platform;
}

/** `blobs/<alg>/<hex>` of a digest. */
export function blobPath(digest: string): string {
  return `blobs/${digest.replace(':', '/')}`;
}

/** The verified bytes of a blob, or an InputError naming it. */
export async function readBlob(store: BlobStore, d: Descriptor, what: string): Promise<Buffer> {
  const bytes = await store.read(blobPath(d.digest));
  if (bytes === undefined) throw new InputError(`${what} lacks the blob ${d.digest}.`);
  verifyDigest(bytes, d.digest, `blob ${d.digest} of ${what}`);
  return bytes;
}

function tagMatches(ref: string | undefined, tag: string): boolean {
  return ref !== undefined && (ref === tag || ref.endsWith(':' + tag));
}

/** Every image manifest reachable from the descriptors, indexes expanded. */
async function expand(
  store: BlobStore,
  what: string,
  ds: Descriptor[],
  tag: string | undefined,
  depth = 0,
): Promise<Candidate[]> {
  if (depth > 8) throw new InputError(`${what} nests image indexes more than 8 deep.`);
  const out: Candidate[] = [];
  for (const d of ds) {
    const t = d.annotations?.[REF_NAME] ?? tag;
    if (INDEX_TYPES.has(d.mediaType)) {
      const index = parseJson(await readBlob(store, d, what), indexSchema, `index ${d.digest} of ${what}`);
      out.push(...(await expand(store, what, index.manifests, t, depth + 1)));
    } else if (MANIFEST_TYPES.has(d.mediaType)) {
      // buildx attaches attestations as manifests of platform unknown/unknown: not images.
      if (d.platform?.os !== 'unknown') out.push({ descriptor: d, tag: t, platform: d.platform });
    }
  }
  return out;
}

/** Chooses one candidate by platform; candidates without a platform learn it from their config. */
async function choose(store: BlobStore, req: LayoutRequest, all: Candidate[]): Promise<Candidate> {
  for (const c of all) {
    if (c.platform !== undefined) continue;
    const m = parseJson(
      await readBlob(store, c.descriptor, req.what),
      manifestSchema,
      `manifest ${c.descriptor.digest} of ${req.what}`,
    );
    const cfg = parseJson(
      await readBlob(store, m.config, req.what),
      configSchema,
      `config ${m.config.digest} of ${req.what}`,
    );
    if (cfg.os !== undefined && cfg.architecture !== undefined)
      c.platform = { os: cfg.os, architecture: cfg.architecture, variant: cfg.variant };
  }
  const only = all[0];
  if (all.length === 1 && only !== undefined && req.platform === undefined) return only;
  const want = parsePlatform(req.platform ?? DEFAULT_PLATFORM);
  const matching = all.filter((c) => c.platform !== undefined && platformMatches(c.platform, want));
  const tags = [...new Set(matching.map((c) => c.tag ?? '(untagged)'))];
  const first = matching[0];
  if (first === undefined) {
    const present = [
      ...new Set(all.map((c) => (c.platform === undefined ? 'unknown' : formatPlatform(c.platform)))),
    ];
    throw new InputError(
      `${req.what} has no image for platform ${formatPlatform(want)}; platforms present: ${present.join(', ')}.`,
    );
  }
  // Two tags on one manifest are one image, not a choice to make.
  if (new Set(matching.map((c) => c.descriptor.digest)).size > 1)
    throw new InputError(
      `${req.what} holds several images (${tags.join(', ')}); name one as ${req.what}:TAG.`,
    );
  return first;
}

/** Opens the image a layout request names, as a ResolvedImage. */
export async function resolveLayout(store: BlobStore, req: LayoutRequest): Promise<ResolvedImage> {
  const layoutBytes = await store.read('oci-layout');
  if (layoutBytes !== undefined) parseJson(layoutBytes, ociLayoutSchema, `oci-layout of ${req.what}`);
  const indexBytes = await store.read('index.json');
  if (indexBytes === undefined)
    throw new InputError(`${req.what} is not an OCI image layout: no index.json found.`);
  const index = parseJson(indexBytes, indexSchema, `index.json of ${req.what}`);
  let top = index.manifests;
  if (req.tag !== undefined) {
    const tag = req.tag;
    top = top.filter((d) => tagMatches(d.annotations?.[REF_NAME], tag));
    if (top.length === 0) {
      const present = index.manifests.map((d) => d.annotations?.[REF_NAME]).filter((t) => t !== undefined);
      throw new InputError(
        `${req.what} has no image tagged ${tag}; tags present: ${present.join(', ') || 'none'}.`,
      );
    }
  }
  const candidates = await expand(store, req.what, top, undefined);
  if (candidates.length === 0) throw new InputError(`${req.what} holds no image manifest.`);
  const chosen = await choose(store, req, candidates);
  const manifest = parseJson(
    await readBlob(store, chosen.descriptor, req.what),
    manifestSchema,
    `manifest ${chosen.descriptor.digest} of ${req.what}`,
  );
  const configBytes = await readBlob(store, manifest.config, req.what);
  const config = toImageConfig(
    parseJson(configBytes, configSchema, `config ${manifest.config.digest} of ${req.what}`),
  );
  const layers = await Promise.all(
    manifest.layers.map(async (d) => {
      if ((await store.size(blobPath(d.digest))) === undefined)
        throw new InputError(`${req.what} lacks the layer blob ${d.digest}.`);
      return { descriptor: d, open: () => store.open(blobPath(d.digest)) };
    }),
  );
  return buildImage({
    reference: req.reference,
    what: req.what,
    digest: chosen.descriptor.digest,
    tags: chosen.tag === undefined ? [] : [chosen.tag],
    platform: chosen.platform,
    config,
    configDigest: manifest.config.digest,
    configSize: manifest.config.size,
    layers,
    close: req.close,
  });
}
