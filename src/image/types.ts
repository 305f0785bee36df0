import type { Readable } from 'node:stream';

/** An OCI content descriptor (image-spec descriptor.md). */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: Platform;
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** The parts of an image config (image-spec config.md) that the pipeline uses. */
export interface ImageConfig {
  created?: string;
  os?: string;
  architecture?: string;
  variant?: string;
  diffIds: string[];
  history: { created?: string; createdBy?: string; emptyLayer?: boolean }[];
  env: string[];
  labels: Record<string, string>;
  /** what the image runs (config.md `Entrypoint`, `Cmd`, `User`, `WorkingDir`), where set */
  entrypoint?: string[];
  cmd?: string[];
  user?: string;
  workingDir?: string;
}

/** One layer: its descriptor, its diff id (digest of the uncompressed tar) and how to read it. */
export interface Layer {
  descriptor: Descriptor;
  diffId: string;
  /** the layer blob as stored (compressed or not); the reader sniffs the compression */
  open(): Promise<Readable>;
}

/** An image resolved from any source: manifest, config and layers, not yet read. */
export interface ResolvedImage {
  kind: 'image';
  /** the source kind that produced it (docker-archive, oci-dir, oci-archive, registry); openSource fills it */
  source?: string;
  /** what the user named, e.g. `alpine.tar` or `docker.io/library/python:3.12` */
  reference: string;
  /** the manifest digest where the source knows it */
  digest?: string;
  /** tags the source gives for the chosen image */
  tags: string[];
  platform?: Platform;
  config: ImageConfig;
  configDigest: string;
  layers: Layer[];
  /** compressed size: config + layer blobs */
  sizeBytes: number;
  /** releases whatever the source holds open (temp files, archive handles) */
  close(): Promise<void>;
}

/** A plain root folder: no layers, the file view is the folder itself. */
export interface RootFolder {
  kind: 'folder';
  reference: string;
  path: string;
  close(): Promise<void>;
}

export type OpenedSource = ResolvedImage | RootFolder;

export interface OpenOptions {
  /** `os/arch[/variant]`, default linux/amd64 */
  platform?: string;
  /** refuse a layer whose uncompressed size exceeds this many bytes */
  maxLayerBytes?: number;
  /** for registries: allow http:// */
  plainHttp?: boolean;
  /** where to keep downloaded blobs; default: the user's cache folder */
  cacheDir?: string;
  /** after a registry pull, evict least recently used blobs until the cache holds at most this */
  cacheMaxBytes?: number;
  /** report progress of long work (downloads, layer reads) */
  onProgress?: (event: ProgressEvent) => void;
}

export interface ProgressEvent {
  task: string;
  done: number;
  total?: number;
}

/** One place images come from (a docker archive, an OCI layout, a registry, a folder). */
export interface ImageSource {
  /** the explicit prefix, e.g. `docker-archive` for `docker-archive:PATH` */
  name: string;
  /** whether this source recognises the reference (by content for paths); cheap */
  detect(reference: string): Promise<boolean>;
  open(reference: string, options: OpenOptions): Promise<OpenedSource>;
}

/**
 * What the image reader keeps of a regular file as it streams past: all of it, nothing, or the
 * part a function returns (called once with the whole content, which is then let go), so that a
 * large file a cataloguer needs a few bytes of costs memory only while it passes.
 */
export type Keep = boolean | ((content: Buffer) => Buffer | undefined);

/** Decides what to keep of a file from its path, its permission bits and its size. */
export type KeepFile = (path: string, mode: number, size: number) => Keep;
