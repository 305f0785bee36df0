import { describe, expect, it } from 'vitest';
import type { Package } from '../catalog/types.js';
import { DEFAULT_RULES, passesFilters, summarise } from './counting.js';
import type { Finding } from './types.js';

const pkg = (name: string): Package => ({
  name,
  version: '1.0-r0',
  type: 'apk',
  purl: `pkg:apk/alpine/${name}@1.0-r0`,
  licenses: [],
  locations: [],
  foundBy: 'apk',
});
const finding = (
  vulnerability: string,
  p: string,
  severity: Finding['severity'],
  fixState: Finding['fixState'],
): Finding => ({
  vulnerability,
  aliases: [],
  package: pkg(p),
  fixState,
  severity,
  severitySource: 'nvd',
  kev: false,
  matchedBy: 'apk:test',
  records: [],
});

const findings = [
  finding('CVE-2019-1549', 'libssl1.1', 'medium', 'fixed'),
  finding('CVE-2019-1549', 'libcrypto1.1', 'high', 'fixed'),
  finding('CVE-2019-14697', 'musl', 'critical', 'not-fixed'),
  finding('CVE-2020-0001', 'zlib', 'negligible', 'wont-fix'),
];

describe('summarise', () => {
  it('counts one per vulnerability at its highest severity, negligible apart', () => {
    const s = summarise(findings, DEFAULT_RULES);
    expect(s.total).toBe(2);
    expect(s.bySeverity).toMatchObject({ critical: 1, high: 1, medium: 0, negligible: 1 });
    expect(s.byFixState).toMatchObject({ fixed: 1, 'not-fixed': 1, 'wont-fix': 0 });
  });
  it('counts one per (vulnerability, package) on request, and negligible when asked', () => {
    const s = summarise(findings, { ...DEFAULT_RULES, countBy: 'package', includeNegligible: true });
    expect(s.total).toBe(4);
    expect(s.bySeverity).toMatchObject({ critical: 1, high: 1, medium: 1, negligible: 1 });
  });
});

describe('passesFilters', () => {
  it('never lists not-affected, and applies --only-fixed and --ignore-states', () => {
    expect(passesFilters(finding('CVE-1', 'a', 'high', 'not-affected'), DEFAULT_RULES)).toBe(false);
    expect(passesFilters(findings[2]!, { ...DEFAULT_RULES, onlyFixed: true })).toBe(false);
    expect(passesFilters(findings[0]!, { ...DEFAULT_RULES, onlyFixed: true })).toBe(true);
    expect(passesFilters(findings[3]!, { ...DEFAULT_RULES, ignoreStates: ['wont-fix'] })).toBe(false);
  });
});

describe('--cve-only', () => {
  it('leaves out advisories that name no CVE, which count under their own id by default', () => {
    const dla = finding('DLA-3366-1', 'tzdata', 'unknown', 'fixed');
    expect(passesFilters(dla, DEFAULT_RULES)).toBe(true);
    expect(passesFilters(dla, { ...DEFAULT_RULES, cveOnly: true })).toBe(false);
    expect(passesFilters(findings[0]!, { ...DEFAULT_RULES, cveOnly: true })).toBe(true);
  });
});
