/** Scan output formats: the registry, `renderScan`, and the builders others may want as objects. */
export { scanFormats, renderScan } from './registry.js';
export type { ScanFormat, ScanRenderOptions } from './types.js';
export { parseScanResult } from './parse-scan-result.js';
export { scanResultSchema, findingSchema, SCAN_SCHEMA_VERSION } from './json-schema.js';
export { toSarif, sarifLevel } from './sarif.js';
export { toCycloneDxScan } from './cyclonedx.js';
export { toOpenVex } from './openvex.js';
export { compareFindings, sortFindings, severityRank } from './order.js';
export { scanSummaryLine } from './summary-line.js';
