/** Validators for the official SBOM schemas kept in schemas/ (ajv + ajv-formats). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

const schemaPath = (name: string) => resolve(import.meta.dirname, '../../../../schemas', name);
const load = (name: string) => JSON.parse(readFileSync(schemaPath(name), 'utf8')) as Record<string, unknown>;

/** CycloneDX 1.6 (draft-07), with the two companions it references by relative name. */
export function cycloneDxValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // ajv-formats has no IRI formats; an IRI is a URI that may hold non-ASCII, so check "no spaces"
  ajv.addFormat('iri-reference', /^\S*$/u);
  ajv.addFormat('idn-email', /^\S+@\S+$/u);
  ajv.addSchema(load('cyclonedx-spdx.schema.json'), 'spdx.schema.json');
  ajv.addSchema(load('cyclonedx-jsf-0.82.schema.json'), 'jsf-0.82.schema.json');
  return ajv.compile(load('cyclonedx-bom-1.6.schema.json'));
}

/** SPDX 2.3 (its schema declares JSON Schema 2019-09). */
export function spdxValidator(): ValidateFunction {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(load('spdx-2.3.schema.json'));
}

/** The errors as short lines, for readable test failures. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
