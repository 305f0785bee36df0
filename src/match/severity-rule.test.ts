import { describe, expect, it } from 'vitest';
import { chooseSeverity } from './severity-rule.js';

const nvd = {
  source: 'nvd',
  level: 'critical' as const,
  cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  score: 9.8,
};
const cna = {
  source: 'cna',
  level: 'high' as const,
  cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H',
  score: 8.8,
};
const v2 = { source: 'nvd', level: 'medium' as const, cvss: 'AV:N/AC:M/Au:N/C:P/I:P/A:P', score: 6.8 };
const debian = { source: 'debian', level: 'negligible' as const };

describe('chooseSeverity (DESIGN.md severity rule)', () => {
  it("prefers the distribution's own rating, keeping the CVSS score beside it", () => {
    const chosen = chooseSeverity(new Set(['debian']), [nvd, debian]);
    expect(chosen).toMatchObject({
      severity: 'negligible',
      source: 'debian',
      cvss: { score: 9.8, source: 'nvd' },
    });
  });
  it('falls back to CVSS v3/v4, NVD before the CNA', () => {
    expect(chooseSeverity(new Set(['alpine']), [cna, nvd])).toMatchObject({
      severity: 'critical',
      source: 'nvd',
    });
    expect(chooseSeverity(new Set(), [cna])).toMatchObject({ severity: 'high', source: 'cna' });
  });
  it('ignores a distribution rating of unknown', () => {
    const unknown = { source: 'debian', level: 'unknown' as const };
    expect(chooseSeverity(new Set(['debian']), [unknown, cna])).toMatchObject({
      severity: 'high',
      source: 'cna',
    });
  });
  it('uses a label without a score before CVSS v2, and v2 before unknown', () => {
    const ghsa = { source: 'ghsa', level: 'low' as const };
    expect(chooseSeverity(new Set(), [v2, ghsa])).toMatchObject({ severity: 'low', source: 'ghsa' });
    expect(chooseSeverity(new Set(), [v2])).toMatchObject({ severity: 'medium', cvss: { score: 6.8 } });
    expect(chooseSeverity(new Set(), [])).toEqual({ severity: 'unknown', source: 'none', cvss: undefined });
  });
});
