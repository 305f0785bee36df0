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
