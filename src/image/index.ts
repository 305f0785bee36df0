/** The image stage: where images come from, and the read-only file views over them. */
export { openSource, sources } from './sources.js';
export { readImage, DEFAULT_MAX_LAYER_BYTES } from './reader/read-image.js';
export { readLayer } from './reader/read-layer.js';
export type { ImageRead, ReadOptions } from './reader/read-image.js';
export { targetInfo, formatPlatform } from './reader/target-info.js';
export { SquashedView } from './view/squashed-view.js';
export { FolderView } from './view/folder-view.js';
export { resolveInRoot, SymlinkLoopError, MAX_SYMLINK_HOPS } from './path/resolve-in-root.js';
export type * from './types.js';
export type * from './file-view.js';
