/**
 * The `docker-archive:` source: what `docker save` writes (`.tar`, or gzipped whole as `.tar.gz`),
 * `docker-archive:PATH[:TAG]`. Its manifest.json lists each image's config and layer files; it may
 * come after the layers, so the tar is indexed once and members are read by offset.
 */
import { open as openFile } from 'node:fs/promises';
import { InputError } from '../../../errors.js';
import { dockerArchiveManifestSchema, configSchema, toImageConfig } from '../../manifest-schemas.js';
import { parseJson, sha256 } from '../../parse-json.js';
import { tarStore, type BlobStore } from '../../tar/blob-store.js';
import { TarFormatError, indexTar } from '../../tar/tar-index.js';
import type { ImageSource, ResolvedImage } from '../../types.js';
import { buildImage } from '../oci-layout/build-image.js';
import { DEFAULT_MAX_LAYER_BYTES } from '../../reader/read-image.js';
import { resolveLayout } from '../oci-layout/resolve-layout.js';
import { detectKind, isKind, splitPathAndTag } from '../sniff.js';
import { chooseEntry } from './choose-entry.js';
import { gunzipToTemp } from './gunzip-to-temp.js';

// The whole archive holds several layers: allow it several times the per-layer limit.
const ARCHIVE_LIMIT_FACTOR = 8;
const LAYER_MEDIA_TYPE = 'application/vnd.docker.image.rootfs.diff.tar';

async function isGzip(path: string): Promise<boolean> {
  const fh = await openFile(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    await fh.read(buf, 0, 2, 0);
    return buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** The sha256 a member name carries (`<hex>.json`, `blobs/sha256/<hex>`), if any. */
function digestInName(name: string): string | undefined {
  const m = /(?:^|\/)([a-f0-9]{64})(?:\.json)?$/.exec(name);
  return m?.[1] === undefined ? undefined : `sha256:${m[1]}`;
}

async function resolveArchive(
  store: BlobStore,
  reference: string,
  path: string,
  tag: string | undefined,
  close: () => Promise<void>,
): Promise<ResolvedImage> {
  const manifestBytes = await store.read('manifest.json');
  if (manifestBytes === undefined)
    throw new InputError(`${path} is not a container image: no manifest.json or oci-layout found.`);
  const entry = chooseEntry(
    parseJson(manifestBytes, dockerArchiveManifestSchema, `manifest.json of ${path}`),
    path,
    tag,
  );
  const configBytes = await store.read(entry.Config);
  if (configBytes === undefined)
    throw new InputError(`${path} lacks the config ${entry.Config} its manifest.json names.`);
  const configDigest = sha256(configBytes);
  const named = digestInName(entry.Config);
  if (named !== undefined && named !== configDigest)
    throw new InputError(
      `config ${entry.Config} of ${path} does not match its digest: it hashes to ${configDigest}.`,
    );
  const config = toImageConfig(parseJson(configBytes, configSchema, `config ${entry.Config} of ${path}`));
  const layers = await Promise.all(
    entry.Layers.map(async (name, i) => {
      const size = await store.size(name);
      if (size === undefined)
        throw new InputError(`${path} lacks the layer ${name} its manifest.json names.`);
      const digest = digestInName(name) ?? config.diffIds[i] ?? '';
      return { descriptor: { mediaType: LAYER_MEDIA_TYPE, digest, size }, open: () => store.open(name) };
    }),
  );
  const tags = tag !== undefined ? [tag] : (entry.RepoTags ?? []);
  return buildImage({
    reference,
    what: path,
    tags,
    config,
    configDigest,
    configSize: configBytes.length,
    layers,
    close,
  });
}

export const dockerArchiveSource: ImageSource = {
  name: 'docker-archive',
  detect: (reference) => detectKind(reference, 'docker-archive'),
  async open(reference, options) {
    const { path, tag } = await splitPathAndTag(reference);
    if (!(await isKind(path, 'docker-archive')))
      throw new InputError(`${path} is not a docker archive: no manifest.json found.`);
    const temp = (await isGzip(path))
      ? await gunzipToTemp(
          path,
          options.cacheDir,
          ARCHIVE_LIMIT_FACTOR * (options.maxLayerBytes ?? DEFAULT_MAX_LAYER_BYTES),
        )
      : undefined;
    const close = temp?.remove ?? (async () => {});
    try {
      const tarPath = temp?.path ?? path;
      const index = await indexTar(tarPath).catch((err: unknown) => {
        if (err instanceof TarFormatError)
          throw new InputError(`${path} is not a valid tar archive (${err.message}).`);
        throw err;
      });
      const store = tarStore(tarPath, index);
      if (temp !== undefined && !index.has('manifest.json') && index.has('index.json')) {
        // A gzipped OCI layout tar: gzip is all the sniffer sees, the content decides.
        const image = await resolveLayout(store, {
          reference,
          what: path,
          tag,
          platform: options.platform,
          close,
        });
        image.source = 'oci-archive';
        return image;
      }
      return await resolveArchive(store, reference, path, tag, close);
    } catch (err) {
      await close();
      throw err;
    }
  },
};
