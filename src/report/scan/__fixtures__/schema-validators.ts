/** Validators for the SARIF and OpenVEX schemas kept in schemas/ (CycloneDX: the SBOM tests' validator). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const load = (name: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../schemas', name), 'utf8')) as Record<
    string,
    unknown
  >;

/**
 * SARIF 2.1.0. Its schema declares draft-04, which Ajv 8 does not implement; the only draft-04
 * construct it uses is the top-level `id` (no boolean exclusiveMinimum/Maximum), so it is read as
 * draft-07 with `id` renamed to `$id`.
 */
export function sarifValidator(): ValidateFunction {
  const { id, $schema: _draft04, ...rest } = load('sarif-2.1.0.schema.json');
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile({ ...rest, $id: String(id) });
}

/** OpenVEX 0.2.0 (JSON Schema 2020-12). */
export function openVexValidator(): ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // ajv-formats has no `iri`: an IRI is a URI with a scheme that may hold non-ASCII characters
  ajv.addFormat('iri', /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/u);
  return ajv.compile(load('openvex.schema.json'));
}
