/** The public library API of cleanroom. */
export { InputError, PolicyError } from './errors.js';
export type { Warning } from './errors.js';
export type { Package, Inventory, Distro, TargetInfo, PackageType } from './catalog/types.js';
export type { Advisory, Affected, Severity, FixState } from './advisory/types.js';
export { sbom, type SbomOptions } from './sbom.js';
export { openAdvisoryDb } from './advisory/db/reader.js';
export { compareVersions } from './version/index.js';
export { scan, inventoryOf, type ScanOptions } from './scan.js';
export type { Finding, ScanResult, CountingRules, Summary } from './match/types.js';
export { buildAdvisoryDb } from './advisory/db/build.js';
export { defaultDbPath } from './advisory/db/paths.js';
export { track, type TrackOptions, type TrackResult } from './history/track.js';
export { importResult, type ImportOptions, type ImportResult } from './history/import/index.js';
export { history, type HistoryOptions, type HistoryResult } from './history/history.js';
export { compare, type CompareOptions, type CompareResult, type ComparedImage } from './history/compare.js';
export type { Point } from './history/types.js';
export { defaultStorePath } from './history/store/open.js';
