import { licenseRef, spdxExpression } from './spdx-license.js';

/** One `hasExtractedLicensingInfos` entry: the text behind a `LicenseRef-` id. */
export interface ExtractedLicense {
  licenseId: string;
  name: string;
  extractedText: string;
}

/**
 * The `licenseDeclared` of an SPDX package: the package's licences joined with AND, each one as
 * an SPDX expression when it is one, else as a `LicenseRef-` (recorded in `extracted` so the
 * document defines every reference it uses); NOASSERTION when the database names none.
 */
export function licenseDeclared(licenses: string[], extracted: Map<string, ExtractedLicense>): string {
  const terms = licenses.map((text) => {
    const expression = spdxExpression(text);
    if (expression) return /\s/.test(expression) && licenses.length > 1 ? `(${expression})` : expression;
    const licenseId = licenseRef(text);
    if (!extracted.has(licenseId)) extracted.set(licenseId, { licenseId, name: text, extractedText: text });
    return licenseId;
  });
  const unique = [...new Set(terms)];
  return unique.length ? unique.join(' AND ') : 'NOASSERTION';
}
