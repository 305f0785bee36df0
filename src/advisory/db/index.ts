/** The advisory DB's public surface, for the rest of cleanroom (scan, CLI, library API). */
export { openAdvisoryDb } from './reader.js';
export { buildAdvisoryDb } from './build.js';
export type { BuildOptions, BuildResult, BuildSource } from './build.js';
export { updateAdvisoryDb } from './update.js';
export type { UpdateOptions, UpdateResult, UpdateSource } from './update.js';
export { exportAdvisoryDb, importAdvisoryDb } from './transfer.js';
export { advisoryDbStatus } from './status.js';
export { pushAdvisoryDb } from './oci-artifact/push.js';
export type { PushOptions, PushResult } from './oci-artifact/push.js';
export { updateFromArtifact } from './oci-artifact/pull.js';
export type { PullOptions, PullResult } from './oci-artifact/pull.js';
export { defaultCacheDir, defaultDbPath } from './paths.js';
export { SCHEMA_VERSION } from './schema.js';
export type * from './types.js';
