import type { ScanFormat } from './types.js';

/**
 * The schema version this code writes. Here rather than beside the zod schema (json-schema.ts),
 * so that writing a result does not load the reader's validator (parse-scan-result.ts).
 */
export const SCAN_SCHEMA_VERSION = '1';

/** `--format json`: the scan result itself, pretty-printed so two scans diff well. */
export const jsonScanFormat: ScanFormat = {
  name: 'json',
  description: "cleanroom's own JSON: the whole scan result (docs/formats.md)",
  render: (result) =>
    `${JSON.stringify({ ...result, schemaVersion: result.schemaVersion || SCAN_SCHEMA_VERSION }, null, 2)}\n`,
};
