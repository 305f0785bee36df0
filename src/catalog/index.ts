/** The catalog stage: from a file view to the inventory of packages (see docs/architecture.md). */
export { catalogView, wantsAny, sortPackages } from './catalog-view.js';
export { cataloguers } from './registry.js';
export { identifyDistro, distroFromFile, DISTRO_FILES } from './distro/identify.js';
export { parseOsRelease } from './distro/os-release.js';
export { buildPurl, distroQualifier } from './purl.js';
export { parseRpmHeader } from './rpm/header.js';
export { rpmVersion, parseSourceRpm } from './rpm/index.js';
export type * from './types.js';
