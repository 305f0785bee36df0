/** SBOM output formats: the registry, and the builders others may want as objects. */
export { sbomFormats, sbomFormat } from './registry.js';
export type { SbomFormat, RenderContext } from './types.js';
export { toSbomDocument } from './json.js';
export { parseSbomDocument } from './json-read.js';
export { sbomDocumentSchema, type SbomDocument } from './json-schema.js';
export { toCycloneDx } from './cyclonedx.js';
export { toSpdx } from './spdx.js';
