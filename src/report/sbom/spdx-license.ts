/**
 * Which licence strings found in package databases are SPDX licence ids or expressions, so the
 * CycloneDX and SPDX outputs can say `id`/expression where that is true and a name otherwise.
 * The id list is the one CycloneDX ships (schemas/cyclonedx-spdx.schema.json), kept in the repo.
 */
import { createRequire } from 'node:module';

let ids: Map<string, string> | undefined;

// Loaded on first use: about 700 ids, only needed by the two SBOM standards.
function knownIds(): Map<string, string> {
  if (!ids) {
    // src/report/sbom and dist/report/sbom are both three levels below the package root
    const schema = createRequire(import.meta.url)('../../../schemas/cyclonedx-spdx.schema.json') as {
      enum: string[];
    };
    ids = new Map(schema.enum.map((id) => [id.toLowerCase(), id]));
  }
  return ids;
}

/** The canonical SPDX id for a licence name when it is one (case-insensitive), else undefined. */
export function spdxLicenseId(name: string): string | undefined {
  return knownIds().get(name.trim().toLowerCase());
}

const OPERATORS = new Map([
  ['and', 'AND'],
  ['or', 'OR'],
  ['with', 'WITH'],
]);

/**
 * The licence string as a valid SPDX expression (SPDX 2.3 Annex D) when every term is a known id,
 * `LicenseRef-…`, or an exception after WITH; else undefined. Ids come back in canonical case.
 */
export function spdxExpression(text: string): string | undefined {
  const tokens = text
    .replace(/([()])/g, ' $1 ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (tokens.length === 0) return undefined;
  const out: string[] = [];
  let expectTerm = true;
  let depth = 0;
  for (const [i, token] of tokens.entries()) {
    const op = OPERATORS.get(token.toLowerCase());
    if (token === '(') {
      if (!expectTerm) return undefined;
      depth++;
      out.push(token);
    } else if (token === ')') {
      if (expectTerm || --depth < 0) return undefined;
      out.push(token);
    } else if (op) {
      if (expectTerm) return undefined;
      out.push(op);
      expectTerm = true;
    } else {
      if (!expectTerm) return undefined;
      const term = tokens[i - 1]?.toLowerCase() === 'with' ? exceptionTerm(token) : licenseTerm(token);
      if (!term) return undefined;
      out.push(term);
      expectTerm = false;
    }
  }
  if (expectTerm || depth !== 0) return undefined;
  return out.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')');
}

function licenseTerm(token: string): string | undefined {
  if (/^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(token)) return token;
  const plus = token.endsWith('+') ? '+' : '';
  const id = spdxLicenseId(plus ? token.slice(0, -1) : token);
  return id && id + plus;
}

// The exception list is not in the repository; exception ids all end in "exception" or similar.
function exceptionTerm(token: string): string | undefined {
  return /^[A-Za-z0-9.-]*exception[A-Za-z0-9.-]*$/i.test(token) ? token : undefined;
}

/** A `LicenseRef-` id for a licence name that is not SPDX (idstring: letters, digits, `.` and `-`). */
export function licenseRef(name: string): string {
  const safe = name
    .trim()
    .replace(/\+/g, '-plus')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `LicenseRef-${safe || 'unknown'}`;
}
