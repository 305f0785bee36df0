import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEVERITIES, type FixState, type Severity } from '../advisory/types.js';
import { DEFAULT_RULES, summarise } from '../match/counting.js';
import type { Finding } from '../match/types.js';
import { compactFinding, countCompact } from './compact.js';

const STATES: FixState[] = ['fixed', 'not-fixed', 'wont-fix'];
const finding = (id: string, severity: Severity, fixState: FixState, pkg: string): Finding => ({
  vulnerability: id,
  aliases: [],
  package: {
    name: pkg,
    version: '1',
    type: 'apk',
    purl: `pkg:apk/x/${pkg}@1`,
    licenses: [],
    locations: [],
    foundBy: 't',
  },
  fixState,
  severity,
  severitySource: 't',
  kev: false,
  matchedBy: 't',
  records: [],
});

describe('countCompact', () => {
  it('counts as summarise does, for both count units and negligible in or out', () => {
    const arb = fc.array(
      fc.tuple(
        fc.constantFrom('CVE-1', 'CVE-2', 'CVE-3', 'CVE-4'),
        fc.constantFrom(...SEVERITIES),
        fc.constantFrom(...STATES),
        fc.constantFrom('a', 'b'),
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(
        arb,
        fc.boolean(),
        fc.constantFrom('vulnerability' as const, 'package' as const),
        (rows, includeNegligible, countBy) => {
          const findings = rows.map(([id, s, st, p]) => finding(id, s, st, p));
          const rules = { ...DEFAULT_RULES, includeNegligible, countBy };
          const { bySeverity, byFixState, total } = summarise(findings, rules);
          const counted = countCompact(findings.map(compactFinding), rules);
          expect({ bySeverity, byFixState, total }).toEqual({
            bySeverity: counted.bySeverity,
            byFixState: counted.byFixState,
            total: counted.total,
          });
        },
      ),
    );
  });

  it('lists the counted ids sorted, without negligible ones by default', () => {
    const c = countCompact(
      [finding('CVE-9', 'negligible', 'fixed', 'a'), finding('CVE-2', 'low', 'fixed', 'a')].map(
        compactFinding,
      ),
      DEFAULT_RULES,
    );
    expect(c.ids).toEqual(['CVE-2']);
  });
});
