import { InputError } from '../../errors.js';
import type { ScanResult } from '../../match/types.js';
import { SCAN_SCHEMA_VERSION, scanResultSchema } from './json-schema.js';

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
