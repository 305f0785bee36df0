import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { InputError, errorMessage } from '../../errors.js';
import { csafDocumentSchema, csafVexStatements, looksLikeCsaf } from './csaf.js';
import { cycloneDxVexSchema, cycloneDxVexStatements } from './cyclonedx-vex.js';
import { openVexDocumentSchema, openVexStatements } from './openvex.js';
import type { VexDocumentStatement } from './types.js';

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.join('.') || 'the document'}: ${issue.message}`;
}

/** Reads VEX statements from the text of an OpenVEX, CycloneDX (JSON) or CSAF 2.0 document. */
export function parseVexText(text: string, source: string): VexDocumentStatement[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InputError(`${source} is not JSON, so it cannot be read as a VEX document.`);
  }
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if ('@context' in obj || 'statements' in obj) {
    const parsed = openVexDocumentSchema.safeParse(raw);
    if (!parsed.success)
      throw new InputError(`${source} is not a valid OpenVEX document: ${firstIssue(parsed.error)}.`);
    return openVexStatements(parsed.data, source);
  }
  if (obj.bomFormat === 'CycloneDX') {
    const parsed = cycloneDxVexSchema.safeParse(raw);
    if (!parsed.success)
      throw new InputError(`${source} is not a valid CycloneDX VEX document: ${firstIssue(parsed.error)}.`);
    return cycloneDxVexStatements(parsed.data, source);
  }
  if (looksLikeCsaf(raw)) {
    const parsed = csafDocumentSchema.safeParse(raw);
    if (!parsed.success)
      throw new InputError(`${source} is not a valid CSAF 2.0 document: ${firstIssue(parsed.error)}.`);
    return csafVexStatements(parsed.data, source);
  }
  throw new InputError(`${source} is neither an OpenVEX, a CycloneDX VEX nor a CSAF document.`);
}

/** Reads VEX statements from a file (`--vex FILE`); a missing or bad file is an InputError. */
export async function parseVexFile(path: string): Promise<VexDocumentStatement[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read VEX file ${path}: ${errorMessage(err)}`, { cause: err });
  }
  // a CSAF document is checked against its schema and mandatory tests first (csaf-validate.ts)
  const raw = tryJson(text);
  // the validator compiles its schemas as it loads (seconds of CPU): only for a CSAF document
  if (looksLikeCsaf(raw)) await (await import('./csaf-validate.js')).assertValidCsaf(raw, path);
  return parseVexText(text, path);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
