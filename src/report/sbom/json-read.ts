import type { Inventory } from '../../catalog/types.js';
import { InputError } from '../../errors.js';
import { sbomDocumentSchema } from './json-schema.js';

/** Reads a cleanroom JSON SBOM back into an inventory (for `scan` of an SBOM file). */
export function parseSbomDocument(text: string, source: string): Inventory {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InputError(`${source} is not JSON, so it cannot be read as a cleanroom SBOM.`);
  }
  const parsed = sbomDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') || 'the document' : 'the document';
    throw new InputError(`${source} is not a cleanroom SBOM: ${where}: ${issue?.message ?? 'invalid'}.`);
  }
  const doc = parsed.data;
  return { target: doc.target, distro: doc.distro, packages: doc.packages, warnings: doc.warnings };
}
