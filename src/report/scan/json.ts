import { InputError } from '../../errors.js';
import type { ScanResult } from '../../match/types.js';
import { SCAN_SCHEMA_VERSION, scanResultSchema } from './json-schema.js';
import type { ScanFormat } from './types.js';

/** Reads a saved `scan --format json` result back, validated; a bad file is an InputError naming it. */
export function parseScanResult(text: string, source: string): ScanResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InputError(`${source} is not JSON, so it cannot be read as a cleanroom scan result.`);
  }
  const parsed = scanResultSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') || 'the document' : 'the document';
    throw new InputError(
      `${source} is not a cleanroom scan result: ${where}: ${issue?.message ?? 'invalid'}.`,
    );
  }
  if (parsed.data.schemaVersion.split('.')[0] !== SCAN_SCHEMA_VERSION) {
    throw new InputError(
      `${source} has scan schema version ${parsed.data.schemaVersion}; this cleanroom reads version ${SCAN_SCHEMA_VERSION}.`,
    );
  }
  return { ...parsed.data, asOf: parsed.data.asOf ?? parsed.data.scannedAt };
}

/** `--format json`: the scan result itself, pretty-printed so two scans diff well. */
export const jsonScanFormat: ScanFormat = {
  name: 'json',
  description: "cleanroom's own JSON: the whole scan result (docs/formats.md)",
  render: (result) =>
    `${JSON.stringify({ ...result, schemaVersion: result.schemaVersion || SCAN_SCHEMA_VERSION }, null, 2)}\n`,
};
