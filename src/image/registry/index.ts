/** Images straight from registries (OCI distribution API): the source and the pieces others may reuse. */
export { openRegistryImage, registrySource } from './source.js';
export type { RegistryOpenOptions } from './source.js';
export { parseReference, tryParseReference, formatReference } from './reference.js';
export type { ImageReference } from './reference.js';
export { BlobCache, defaultCacheDir } from './blob-cache.js';
