import { describe, expect, it } from 'vitest';
import { sampleScan } from './__fixtures__/sample-scan.js';
import { sarifValidator } from './__fixtures__/schema-validators.js';
import { toSarif } from './sarif.js';

interface Rule {
  id: string;
  help: { text: string };
  properties: { 'security-severity': string };
}
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
  suppressions?: { justification: string }[];
  properties: { purl: string; layer?: string };
}
interface Log {
  runs: {
    tool: { driver: { name: string; version: string; informationUri?: string; rules: Rule[] } };
    results: Result[];
  }[];
}

describe('SARIF 2.1.0', () => {
  const validate = sarifValidator();

  it('validates against the official schema, with and without suppressed findings', () => {
    for (const showSuppressed of [false, true]) {
      const ok = validate(toSarif(sampleScan(), { showSuppressed }));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('the validator does catch a broken log', () => {
    const log = toSarif(sampleScan(), {}) as unknown as Log;
    (log.runs[0]!.results[0] as unknown as { level: string }).level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  const scan = sampleScan();
  const log = toSarif(scan, {}) as unknown as Log;
  const run = log.runs[0]!;

  it('names the tool', () => {
    expect(run.tool.driver).toMatchObject({ name: 'cleanroom', version: '0.1.0' });
    // no invented home page: informationUri is optional and the project has no public URL yet
    expect(run.tool.driver.informationUri).toBeUndefined();
  });

  it('has one rule per vulnerability, with help and the CVSS score as security-severity', () => {
    const ids = [...new Set(scan.findings.map((f) => f.vulnerability))].sort();
    expect(run.tool.driver.rules.map((r) => r.id).sort()).toEqual(ids);
    for (const r of run.tool.driver.rules) {
      const scores = scan.findings.filter((f) => f.vulnerability === r.id).map((f) => f.cvss?.score);
      const sev = r.properties['security-severity'];
      expect(sev).toMatch(/^\d+\.\d$/);
      if (scores[0] !== undefined) expect(Number(sev)).toBe(Math.max(...(scores as number[])));
      expect(r.help.text).toContain(r.id);
    }
  });

  it('has one result per finding, level from severity, located at the package database', () => {
    expect(run.results).toHaveLength(scan.findings.length);
    const expectedLevel = {
      critical: 'error',
      high: 'error',
      medium: 'warning',
      low: 'note',
      negligible: 'note',
      unknown: 'note',
    };
    for (const r of run.results) {
      const f = scan.findings.find(
        (x) => x.vulnerability === r.ruleId && x.package.purl === r.properties.purl,
      )!;
      expect(r.level).toBe(expectedLevel[f.severity]);
      expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toBe(f.package.locations[0]!.slice(1));
      expect(r.properties.layer).toBe(f.package.layer);
    }
  });

  it('writes suppressed findings with a suppression carrying the justification when asked', () => {
    const withSuppressed = toSarif(scan, { showSuppressed: true }) as unknown as Log;
    const suppressed = withSuppressed.runs[0]!.results.filter((r) => r.suppressions);
    expect(suppressed.map((r) => [r.ruleId, r.suppressions![0]!.justification])).toEqual([
      ['CVE-2019-1551', 'vulnerable_code_not_in_execute_path'],
    ]);
  });
});
