import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../advisory/types.js';
import { sampleScan } from './__fixtures__/sample-scan.js';
import { tableScanFormat } from './table.js';

const now = new Date('2026-11-26T12:34:56.000Z');
const ESC = String.fromCharCode(27);

describe('table scan output', () => {
  const scan = sampleScan();
  const text = tableScanFormat.render(scan, { now, color: false });
  const lines = text.split('\n');
  const header = lines.findIndex((l) => l.startsWith('VULNERABILITY'));
  const rows = lines.slice(header + 1, header + 1 + scan.findings.length);

  it('has the columns in order, aligned', () => {
    const head = lines[header]!;
    const names = ['VULNERABILITY', 'SEVERITY', 'PACKAGE', 'INSTALLED', 'FIXED-IN', 'STATE', 'KEV', 'EPSS'];
    const at = names.map((n) => head.indexOf(n));
    expect(at.every((x, i) => x >= 0 && (i === 0 || x > at[i - 1]!))).toBe(true);
    // every row starts its package column where the header does
    for (const r of rows) expect(r.slice(at[2]!).split(/\s{2,}/)[0]).toMatch(/^[a-z0-9.-]+$/);
  });

  it('sorts by severity, then id', () => {
    const rank = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
    const keys = rows.map((r) => r.split(/\s+/)).map((c) => [rank(c[1]!), c[0]!] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(keys).toEqual(sorted);
    expect(rows[0]).toMatch(/^CVE-2019-14697\s+critical/);
  });

  it('shows KEV and EPSS', () => {
    expect(rows.find((r) => r.startsWith('CVE-2021-44228'))).toMatch(/yes\s+94\.36%$/);
  });

  it('ends with the summary: counts by severity and fix state, DB build time, scanner version', () => {
    const summary = lines.find((l) => l.startsWith('5 vulnerabilities'))!;
    expect(summary).toContain('2 critical, 2 medium, 1 unknown');
    expect(summary).toContain('fixed 4, not-fixed 1');
    expect(summary).toContain('1 suppressed');
    expect(summary).toContain('DB built 2026-11-25T06:00:00.000Z');
    expect(summary).toContain('cleanroom 0.1.0');
  });

  it('lists suppressed findings with their justification only when asked', () => {
    expect(text).not.toContain('Suppressed (1)');
    const shown = tableScanFormat.render(scan, { now, color: false, showSuppressed: true });
    expect(shown).toContain('Suppressed (1)');
    expect(shown).toMatch(
      /CVE-2019-1551\s+libssl1\.1\s+1\.1\.1b-r1\s+not_affected\s+vulnerable_code_not_in_execute_path\s+team\.vex\.json/,
    );
  });

  it('colours severities only when asked (critical red)', () => {
    const coloured = tableScanFormat.render(scan, { now, color: true });
    expect(coloured).toContain(`${ESC}[31mcritical`);
    expect(coloured).toContain(`${ESC}[33mmedium`);
    expect(text).not.toContain(ESC);
  });
});
