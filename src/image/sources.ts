/**
 * The registry of image sources (DESIGN.md convention 1) and `openSource`, the one way in: an
 * explicit `NAME:` prefix picks a source, anything else is offered to each source's `detect` in
 * order and, when none recognises it, sniffed once more to say clearly what is wrong with it.
 */
import { InputError } from '../errors.js';
import { dockerArchiveSource } from './sources/docker-archive/docker-archive.js';
import { ociArchiveSource } from './sources/oci-archive/oci-archive.js';
import { ociDirSource } from './sources/oci-dir/oci-dir.js';
import { rootFolderSource } from './sources/root-folder/root-folder.js';
import { sniffPath, splitPathAndTag } from './sources/sniff.js';
import type { ImageSource, OpenOptions, OpenedSource } from './types.js';

// The registry client (fetch, TLS, proxies, credentials) is loaded only when a name reaches it:
// a local archive or folder is recognised by an earlier source and never pays for it.
const registrySource: ImageSource = {
  name: 'registry',
  detect: async (reference) => (await import('./registry/source.js')).registrySource.detect(reference),
  open: async (reference, options) =>
    (await import('./registry/source.js')).registrySource.open(reference, options),
};

/** Every image source by its prefix name; detection tries them in this order. */
export const sources = new Map<string, ImageSource>([
  [dockerArchiveSource.name, dockerArchiveSource],
  [ociArchiveSource.name, ociArchiveSource],
  [ociDirSource.name, ociDirSource],
  [rootFolderSource.name, rootFolderSource],
  [registrySource.name, registrySource], // last: it claims any name that is not a local path
]);

/** The source named by an explicit prefix (`oci-dir:…`), with the rest of the reference. */
export function byPrefix(reference: string): { source: ImageSource; rest: string } | undefined {
  const colon = reference.indexOf(':');
  if (colon <= 0) return undefined;
  // `registry:5000/app` is a host named registry with a port, as docker reads it, not a prefix
  if (/^\d+(\/|$)/.test(reference.slice(colon + 1))) return undefined;
  const source = sources.get(reference.slice(0, colon));
  return source === undefined ? undefined : { source, rest: reference.slice(colon + 1) };
}

// Names that can only be files: sniffed (and refused clearly when absent) before any other source,
// such as the registry, gets a chance to read `missing.tar` as an image name.
const PATH_LIKE = /^(\/|\.\.?\/|~)|\.(tar|tgz|tar\.gz|tar\.zst)$/;

/** Opens what the user named: `PREFIX:REF` or a local path recognised by its content. */
export async function openSource(reference: string, options: OpenOptions = {}): Promise<OpenedSource> {
  if (reference === '') throw new InputError('The image reference is empty.');
  const prefixed = byPrefix(reference);
  let source = prefixed?.source;
  if (source === undefined && PATH_LIKE.test(reference))
    await sniffPath((await splitPathAndTag(reference)).path);
  if (source === undefined) {
    for (const candidate of sources.values()) {
      if (await candidate.detect(reference)) {
        source = candidate;
        break;
      }
    }
  }
  if (source === undefined) {
    await sniffPath((await splitPathAndTag(reference)).path); // throws the sentence saying what is wrong
    throw new InputError(`${reference} is not a container image that cleanroom can read.`);
  }
  const rest = prefixed?.rest ?? reference;
  const opened = await source.open(rest, options);
  // A source that echoes what it was given gets back what the user typed, prefix included; one
  // that names the image its own way (the registry's canonical name) keeps its name.
  if (opened.reference === rest) opened.reference = reference;
  if (opened.kind === 'image') opened.source ??= source.name;
  return opened;
}
