import { describe, expect, it } from 'vitest';
import { cycloneDxValidator, describeErrors } from '../sbom/__fixtures__/schema-validators.js';
import { sampleScan } from './__fixtures__/sample-scan.js';
import { toCycloneDxScan } from './cyclonedx.js';

const now = new Date('2026-11-26T12:34:56.000Z');

interface Vuln {
  id: string;
  source: { name: string; url: string };
  ratings: { severity?: string; score?: number; vector?: string; method?: string }[];
  affects: { ref: string }[];
  analysis?: { state: string; justification?: string; detail?: string };
  properties: { name: string; value: string }[];
  references: { id: string }[];
}
interface Bom {
  components: { 'bom-ref': string; purl?: string; type: string }[];
  vulnerabilities: Vuln[];
}

describe('CycloneDX 1.6 scan output', () => {
  const validate = cycloneDxValidator();
  const scan = sampleScan();
  const bom = toCycloneDxScan(scan, now) as unknown as Bom;

  it('validates against the official 1.6 schema', () => {
    const ok = validate(bom);
    expect(describeErrors(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('has a component per package and a vulnerability per finding, suppressed ones included', () => {
    expect(bom.components.filter((c) => c.type === 'library')).toHaveLength(scan.inventory.packages.length);
    expect(bom.vulnerabilities).toHaveLength(scan.findings.length + scan.suppressed.length);
  });

  it('points each vulnerability at the component of its package', () => {
    const byRef = new Map(bom.components.map((c) => [c['bom-ref'], c]));
    for (const v of bom.vulnerabilities) {
      const component = byRef.get(v.affects[0]!.ref);
      expect(component).toBeDefined();
      const findings = [...scan.findings, ...scan.suppressed].filter((f) => f.vulnerability === v.id);
      expect(findings.map((f) => f.package.purl)).toContain(component!.purl);
    }
  });

  it('rates with severity, score, vector and CVSS method', () => {
    const log4shell = bom.vulnerabilities.find((v) => v.id === 'CVE-2021-44228')!;
    expect(log4shell.ratings).toEqual([
      {
        source: { name: 'nvd' },
        severity: 'critical',
        score: 10,
        method: 'CVSSv31',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
      },
    ]);
    expect(log4shell.references).toEqual([expect.objectContaining({ id: 'GHSA-jfh8-c2jp-5v3q' })]);
    expect(log4shell.source.url).toBe('https://nvd.nist.gov/vuln/detail/CVE-2021-44228');
    const musl = bom.vulnerabilities.find((v) => v.id === 'CVE-2019-14697')!;
    expect(musl.ratings[0]?.method).toBe('CVSSv3');
    const busybox = bom.vulnerabilities.find((v) => v.id === 'CVE-2022-28391')!;
    expect(busybox.ratings).toEqual([{ source: { name: 'alpine' }, severity: 'unknown' }]);
  });

  it('carries fix state and fixed version as properties, and the VEX analysis', () => {
    const props = (v: Vuln) => Object.fromEntries(v.properties.map((p) => [p.name, p.value]));
    const log4shell = bom.vulnerabilities.find((v) => v.id === 'CVE-2021-44228')!;
    expect(props(log4shell)).toMatchObject({
      'cleanroom:fixState': 'fixed',
      'cleanroom:fixedVersion': '2.15.0',
      'cleanroom:kev': 'true',
    });
    const analysed = bom.vulnerabilities.filter((v) => v.analysis);
    expect(analysed).toHaveLength(1);
    expect(analysed[0]).toMatchObject({
      id: 'CVE-2019-1551',
      analysis: { state: 'not_affected', justification: 'code_not_reachable' },
    });
    expect(analysed[0]!.analysis!.detail).toContain('team.vex.json');
  });
});
