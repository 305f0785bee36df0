/**
 * The registry image source: a reference such as `127.0.0.1:5000/alpine:3.9` or `python:3.12`
 * becomes a ResolvedImage whose layers are verified blobs in the shared cache. Layers download
 * a few at a time before the image is handed on, so the reader streams them from local disk.
 */
import { readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { InputError } from '../../errors.js';
import { configSchema, toImageConfig } from '../manifest-schemas.js';
import { parseJson } from '../parse-json.js';
import { DEFAULT_PLATFORM, parsePlatform } from '../sources/oci-layout/platform.js';
import type { Descriptor, ImageSource, Layer, OpenOptions, Platform, ResolvedImage } from '../types.js';
import { BlobCache, defaultCacheDir } from './blob-cache.js';
import { evictBlobs } from './blob-eviction.js';
import type { ClientOptions } from './client.js';
import { openFirstEndpoint } from './endpoints.js';
import type { HttpSettings } from './http.js';
import { choosePlatform, parseManifest } from './manifest.js';
import { formatReference, parseReference, stripRegistryPrefix, tryParseReference } from './reference.js';

export interface RegistryOpenOptions extends OpenOptions {
  /** timeouts and retries; tests shorten them */
  http?: HttpSettings;
  /** layers downloaded at once (default 3) */
  concurrency?: number;
  credentials?: ClientOptions['credentials'];
}

const IDLE_MS = 60_000;

/** Resolves a registry reference into an image whose layers are downloaded, verified and cached. */
export async function openRegistryImage(
  reference: string,
  options: RegistryOpenOptions = {},
): Promise<ResolvedImage> {
  const ref = parseReference(reference);
  const wanted = parsePlatform(options.platform ?? DEFAULT_PLATFORM);
  // registries.conf may send the pull to a mirror first (endpoints.ts)
  const opened = await openFirstEndpoint(ref, {
    ...(options.plainHttp ? { plainHttp: true } : {}),
    ...(options.http ? { http: options.http } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  const client = opened.client;
  const label = formatReference(ref);
  let fetched = opened.fetched;
  let manifest = parseManifest(fetched.bytes, fetched.contentType, label);
  let platform: Platform | undefined;
  if (manifest.kind === 'index') {
    const chosen = choosePlatform(manifest.manifests, wanted, label);
    platform = chosen.platform;
    fetched = await client.manifest(chosen.digest);
    manifest = parseManifest(fetched.bytes, fetched.contentType, `${label} (${chosen.digest})`);
    if (manifest.kind !== 'image')
      throw new InputError(`${label} nests an index inside an index, which is not supported`);
  }

  const cache = new BlobCache(options.cacheDir ?? defaultCacheDir());
  const inflight = new Map<string, Promise<void>>();
  const ensure = (desc: Descriptor, what: string, onBytes?: (n: number) => void): Promise<void> => {
    let job = inflight.get(desc.digest);
    if (!job) {
      job = (async () => {
        if (await cache.has(desc.digest, desc.size)) return;
        const res = await client.blob(desc.digest);
        const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
        await cache.store(desc.digest, body, {
          size: desc.size,
          what,
          idleMs: IDLE_MS,
          ...(onBytes ? { onBytes } : {}),
        });
      })();
      inflight.set(desc.digest, job);
    }
    return job;
  };

  await ensure(manifest.config, `the config blob ${manifest.config.digest} of ${label}`);
  const configBytes = await readFile(cache.path(manifest.config.digest));
  const config = toImageConfig(parseJson(configBytes, configSchema, `the image config of ${label}`));
  platform ??=
    config.os && config.architecture
      ? {
          os: config.os,
          architecture: config.architecture,
          ...(config.variant ? { variant: config.variant } : {}),
        }
      : undefined;
  const descriptors = manifest.layers;
  if (config.diffIds.length !== descriptors.length) {
    throw new InputError(
      `${label} lists ${descriptors.length} layers but its config has ${config.diffIds.length} diff ids`,
    );
  }
  await downloadAll(descriptors, options, (desc, onBytes) =>
    ensure(desc, `layer ${desc.digest} of ${label}`, onBytes),
  );
  if (options.cacheMaxBytes !== undefined) {
    // the pull is complete: make room, keeping every blob this image is about to be read from.
    // A cache that cannot be trimmed (permissions) is no reason to fail the scan.
    const keep = new Set([manifest.config.digest, ...descriptors.map((d) => d.digest)]);
    await evictBlobs(cache.root, { maxBytes: options.cacheMaxBytes, keep }).catch(() => undefined);
  }

  const layers: Layer[] = descriptors.map((descriptor, i) => ({
    descriptor,
    diffId: config.diffIds[i] as string,
    open: async () => {
      await ensure(descriptor, `layer ${descriptor.digest} of ${label}`);
      return cache.open(descriptor.digest);
    },
  }));
  return {
    kind: 'image',
    reference: label,
    digest: fetched.digest,
    tags: ref.tag ? [ref.tag] : [],
    ...(platform ? { platform } : {}),
    config,
    configDigest: manifest.config.digest,
    layers,
    sizeBytes: manifest.config.size + descriptors.reduce((sum, d) => sum + d.size, 0),
    close: async () => undefined, // the cache outlives the run by design
  };
}

// Downloads layers a few at a time, reporting the bytes of all of them as one task.
async function downloadAll(
  descriptors: Descriptor[],
  options: RegistryOpenOptions,
  ensure: (desc: Descriptor, onBytes: (n: number) => void) => Promise<void>,
): Promise<void> {
  const total = descriptors.reduce((sum, d) => sum + d.size, 0);
  const doneBy = new Array<number>(descriptors.length).fill(0);
  const report = () =>
    options.onProgress?.({ task: 'download', done: doneBy.reduce((a, b) => a + b, 0), total });
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    // after a failure no new layer starts: the run is over, only those in flight finish
    while (next < descriptors.length && !failed) {
      const i = next++;
      const desc = descriptors[i] as Descriptor;
      await ensure(desc, (n) => {
        doneBy[i] = n;
        report();
      }).catch((err: unknown) => {
        failed = true;
        throw err;
      });
      doneBy[i] = desc.size;
      report();
    }
  };
  const workers = Array.from(
    { length: Math.max(1, Math.min(options.concurrency ?? 3, descriptors.length)) },
    worker,
  );
  await Promise.all(workers);
}

/** The `registry` ImageSource: claims references that are not local paths and parse as image names. */
export const registrySource: ImageSource = {
  name: 'registry',
  async detect(reference: string): Promise<boolean> {
    if (
      await stat(reference).then(
        () => true,
        () => false,
      )
    )
      return false;
    return tryParseReference(stripRegistryPrefix(reference)) !== undefined;
  },
  open: (reference, options) => openRegistryImage(reference, options),
};
