import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { SCANNER } from '../../scanner.js';
import { sampleInventory } from './__fixtures__/sample-inventory.js';
import { jsonFormat } from './json.js';
import { parseSbomDocument } from './json-read.js';
import { sbomDocumentSchema } from './json-schema.js';

const now = new Date('2026-11-26T12:34:56.789Z');

describe('cleanroom JSON SBOM', () => {
  it('has schema version 1, the scanner, the time, and validates against its own zod schema', () => {
    const doc = JSON.parse(jsonFormat.render(sampleInventory(), { now, color: false })) as Record<
      string,
      unknown
    >;
    expect(doc.schemaVersion).toBe('1');
    expect(doc.scanner).toEqual({ name: SCANNER.name, version: SCANNER.version });
    expect(doc.createdAt).toBe('2026-11-26T12:34:56.789Z');
    expect(sbomDocumentSchema.safeParse(doc).success).toBe(true);
    expect(Object.keys(doc)).toEqual([
      'schemaVersion',
      'scanner',
      'createdAt',
      'target',
      'distro',
      'packages',
      'warnings',
    ]);
  });

  it('reads back into the same inventory', () => {
    const inventory = sampleInventory();
    const text = jsonFormat.render(inventory, { now, color: false });
    // JSON drops undefined fields; compare through the same lens
    expect(parseSbomDocument(text, 'sbom.json')).toEqual(JSON.parse(JSON.stringify(inventory)));
  });

  it('refuses a file that is not JSON, or not this format, naming the file', () => {
    expect(() => parseSbomDocument('{', 'x.json')).toThrow(InputError);
    expect(() => parseSbomDocument('{', 'x.json')).toThrow(/^x\.json is not JSON/);
    expect(() => parseSbomDocument('{"schemaVersion":"2"}', 'y.json')).toThrow(
      /^y\.json is not a cleanroom SBOM: /,
    );
  });
});
