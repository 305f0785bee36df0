import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { licenseRef, spdxExpression, spdxLicenseId } from './spdx-license.js';

const ids = (
  JSON.parse(
    readFileSync(new URL('../../../schemas/cyclonedx-spdx.schema.json', import.meta.url), 'utf8'),
  ) as {
    enum: string[];
  }
).enum;

describe('SPDX licence ids and expressions', () => {
  it('knows every id of the SPDX list, in any case', () => {
    for (const id of ids) expect(spdxLicenseId(id.toUpperCase())).toBe(id);
    expect(spdxLicenseId('GPL2+')).toBeUndefined();
  });

  it('accepts valid expressions and returns them canonical', () => {
    expect(spdxExpression('mit')).toBe('MIT');
    expect(spdxExpression('MIT or apache-2.0')).toBe('MIT OR Apache-2.0');
    expect(spdxExpression('(MIT OR Apache-2.0) AND BSD-3-Clause')).toBe(
      '(MIT OR Apache-2.0) AND BSD-3-Clause',
    );
    expect(spdxExpression('GPL-2.0-only WITH Classpath-exception-2.0')).toBe(
      'GPL-2.0-only WITH Classpath-exception-2.0',
    );
    expect(spdxExpression('Apache-2.0+')).toBe('Apache-2.0+');
    expect(spdxExpression('LicenseRef-foo AND MIT')).toBe('LicenseRef-foo AND MIT');
  });

  it('refuses free text and broken expressions', () => {
    for (const text of [
      'MIT BSD GPL2+',
      'MIT AND',
      '(MIT',
      'MIT)',
      'AND MIT',
      '',
      'custom',
      'MIT WITH Apache-2.0',
    ])
      expect(spdxExpression(text)).toBeUndefined();
  });

  it('makes LicenseRef ids of only letters, digits, dots and dashes', () => {
    expect(licenseRef('MIT BSD GPL2+')).toBe('LicenseRef-MIT-BSD-GPL2-plus');
    expect(licenseRef('  ')).toBe('LicenseRef-unknown');
    expect(licenseRef('Public Domain (see COPYING)')).toMatch(/^LicenseRef-[A-Za-z0-9.-]+$/);
  });
});
