import { describe, expect, it } from 'vitest';
import { applyVex } from '../../match/vex/apply.js';
import { imageIdentities } from '../../match/vex/image-identity.js';
import { parseVexText } from '../../match/vex/parse.js';
import { sampleScan } from './__fixtures__/sample-scan.js';
import { openVexValidator } from './__fixtures__/schema-validators.js';
import { toOpenVex } from './openvex.js';

const now = new Date('2026-11-26T12:34:56.000Z');

interface Statement {
  vulnerability: { name: string; aliases?: string[] };
  products: { '@id': string; subcomponents?: { '@id': string }[] }[];
  status: string;
  justification?: string;
  impact_statement?: string;
  action_statement?: string;
}

describe('OpenVEX scan output', () => {
  const validate = openVexValidator();
  const scan = sampleScan();
  const doc = toOpenVex(scan, now) as { statements: Statement[] };

  it('validates against the official OpenVEX 0.2.0 schema', () => {
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator does catch an affected statement without an action', () => {
    const broken = structuredClone(doc);
    delete broken.statements[0]!.action_statement;
    expect(broken.statements[0]!.status).toBe('affected');
    expect(validate(broken)).toBe(false);
  });

  it('has one statement per finding: open ones affected with an action, suppressed ones as VEX said', () => {
    expect(doc.statements).toHaveLength(scan.findings.length + scan.suppressed.length);
    const log4shell = doc.statements.find((s) => s.vulnerability.name === 'CVE-2021-44228')!;
    expect(log4shell).toMatchObject({
      status: 'affected',
      action_statement: 'Update log4j-core to 2.15.0 or later.',
      vulnerability: { aliases: ['GHSA-jfh8-c2jp-5v3q'] },
    });
    const busybox = doc.statements.find((s) => s.vulnerability.name === 'CVE-2022-28391')!;
    expect(busybox.action_statement).toMatch(/No fixed version of busybox/);
    const suppressed = doc.statements.filter((s) => s.status !== 'affected');
    expect(suppressed).toEqual([
      expect.objectContaining({
        vulnerability: { name: 'CVE-2019-1551' },
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        impact_statement: 'the service never uses the affected POLY1305 assembly',
      }),
    ]);
  });

  it('names the image by its OCI purl with the package as subcomponent', () => {
    for (const s of doc.statements) {
      expect(s.products[0]!['@id']).toMatch(/^pkg:oci\/trivy-test-images@sha256:/);
      expect(s.products[0]!.subcomponents![0]!['@id']).toMatch(/^pkg:(apk|maven)\//);
    }
  });

  it('round-trips: fed back with --vex, it suppresses the same findings and keeps the rest', () => {
    const statements = parseVexText(JSON.stringify(doc), 'edited.vex.json');
    const all = [...scan.findings, ...scan.suppressed.map(({ vex: _vex, ...f }) => f)];
    const { kept, suppressed } = applyVex(all, statements, imageIdentities(scan.inventory.target));
    const key = (f: { vulnerability: string; package: { purl: string } }) =>
      `${f.vulnerability} ${f.package.purl}`;
    expect(suppressed.map(key)).toEqual(scan.suppressed.map(key));
    expect(kept.map(key).sort()).toEqual(scan.findings.map(key).sort());
    expect(kept.every((f) => f.vex?.status === 'affected')).toBe(true);
    // and not for another image
    expect(applyVex(all, statements, 'sha256:' + '0'.repeat(64)).suppressed).toEqual([]);
  });

  it('a user edit turning a statement to not_affected suppresses that finding next time', () => {
    const edited = structuredClone(doc);
    const target = edited.statements.find((s) => s.vulnerability.name === 'CVE-2022-28391')!;
    target.status = 'not_affected';
    target.justification = 'vulnerable_code_not_in_execute_path';
    delete target.action_statement;
    expect(validate(edited)).toBe(true);
    const { suppressed } = applyVex(
      scan.findings,
      parseVexText(JSON.stringify(edited), 'e.json'),
      imageIdentities(scan.inventory.target),
    );
    expect(suppressed.map((f) => f.vulnerability)).toEqual(['CVE-2022-28391']);
  });
});
