import { describe, expect, it } from 'vitest';
import { sampleScan } from './__fixtures__/sample-scan.js';
import { csvScanFormat } from './csv.js';

const now = new Date('2026-11-26T12:34:56.000Z');

// A small RFC 4180 reader written for the test, independent of the writer.
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && ch === '"') {
      quoted = false;
    } else if (quoted || (ch !== '"' && ch !== ',' && ch !== '\r')) {
      field += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  return rows;
}

describe('CSV scan output', () => {
  it('has the documented header and one row per finding with CRLF line ends', () => {
    const scan = sampleScan();
    const text = csvScanFormat.render(scan, { now, color: false });
    expect(text.split('\r\n')[0]).toBe(
      'vulnerability,severity,package,version,type,fixed_version,fix_state,kev,epss,layer,purl',
    );
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const rows = readCsv(text);
    expect(rows).toHaveLength(scan.findings.length + 1);
    const log4shell = rows.find((r) => r[0] === 'CVE-2021-44228')!;
    expect(log4shell).toEqual([
      'CVE-2021-44228',
      'critical',
      'log4j-core',
      '2.14.1',
      'maven',
      '2.15.0',
      'fixed',
      'true',
      '0.94358',
      scan.findings.find((f) => f.vulnerability === 'CVE-2021-44228')!.package.layer,
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    ]);
  });

  it('quotes commas, quotes and line breaks so the fields read back unchanged', () => {
    const scan = sampleScan();
    const odd = {
      ...scan.findings[0]!,
      package: { ...scan.findings[0]!.package, name: 'we "quote", and\r\nbreak' },
    };
    const rows = readCsv(csvScanFormat.render({ ...scan, findings: [odd] }, { now, color: false }));
    expect(rows[1]![2]).toBe('we "quote", and\r\nbreak');
    expect(rows[1]).toHaveLength(11);
  });

  it('adds the suppressed findings only when asked', () => {
    const scan = sampleScan();
    expect(readCsv(csvScanFormat.render(scan, { now, color: false, showSuppressed: true }))).toHaveLength(
      scan.findings.length + scan.suppressed.length + 1,
    );
  });
});
