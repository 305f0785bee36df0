import Table from 'cli-table3';
import pc from 'picocolors';
import type { Severity } from '../../advisory/types.js';
import type { Finding, ScanResult } from '../../match/types.js';
import { summaryLine } from '../sbom/table.js';
import { sortFindings } from './order.js';
import { scanSummaryLine } from './summary-line.js';
import type { ScanFormat, ScanRenderOptions } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

// Borderless, two spaces between columns: readable, and easy to `grep`/`awk` when piped.
const CHARS = Object.fromEntries(
  ['top', 'top-mid', 'top-left', 'top-right', 'bottom', 'bottom-mid', 'bottom-left', 'bottom-right']
    .concat(['left', 'left-mid', 'mid', 'mid-mid', 'right', 'right-mid'])
    .map((k) => [k, '']),
);

// The console's palette (DESIGN.md): critical red, high orange, medium amber, low blue, unknown
// grey. Terminals have no orange in the 16 basic colours, so high is plain red and critical bold.
function paintSeverity(c: Colors, s: Severity): string {
  switch (s) {
    case 'critical':
      return c.bold(c.red(s));
    case 'high':
      return c.red(s);
    case 'medium':
      return c.yellow(s);
    case 'low':
      return c.blue(s);
    default:
      return c.gray(s);
  }
}

/** EPSS as a percentage with two decimals (`0.01564` → `1.56%`). */
export function formatEpss(epss: number | undefined): string {
  return epss === undefined ? '' : `${(epss * 100).toFixed(2)}%`;
}

function render(head: string[], rows: string[][], c: Colors): string {
  // an empty style keeps cli-table3 from adding its own colour codes: we paint only on a terminal
  const table = new Table({
    head: head.map((h) => c.bold(h)),
    chars: { ...CHARS, middle: '  ' },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  table.push(...rows);
  return table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

function findingRow(f: Finding, c: Colors): string[] {
  const state = f.vex ? `${f.fixState} (vex: ${f.vex.status})` : f.fixState;
  return [
    f.vulnerability,
    paintSeverity(c, f.severity),
    f.package.name,
    f.package.version,
    f.fixedVersion ? c.green(f.fixedVersion) : '',
    state,
    f.kev ? c.red('yes') : '',
    formatEpss(f.epss),
  ];
}

function suppressedSection(result: ScanResult, c: Colors): string {
  const rows = sortFindings(result.suppressed).map((f) => [
    f.vulnerability,
    f.package.name,
    f.package.version,
    f.vex?.status ?? f.fixState,
    f.vex?.justification ?? f.vex?.impactStatement ?? '',
    f.vex?.source ?? 'advisory',
  ]);
  const body = rows.length
    ? render(['VULNERABILITY', 'PACKAGE', 'INSTALLED', 'STATUS', 'JUSTIFICATION', 'SOURCE'], rows, c)
    : 'None.';
  return `\n${c.bold(`Suppressed (${result.suppressed.length})`)}\n${body}\n`;
}

/** `--format table`: aligned columns for people; colour only on a terminal. */
export const tableScanFormat: ScanFormat = {
  name: 'table',
  description: 'aligned columns for reading on a terminal (default)',
  render(result: ScanResult, options: ScanRenderOptions): string {
    const c = pc.createColors(options.color);
    const rows = sortFindings(result.findings).map((f) => findingRow(f, c));
    const head = ['VULNERABILITY', 'SEVERITY', 'PACKAGE', 'INSTALLED', 'FIXED-IN', 'STATE', 'KEV', 'EPSS'];
    const body = rows.length ? render(head, rows, c) : 'No vulnerabilities found.';
    const suppressed = options.showSuppressed ? suppressedSection(result, c) : '';
    return `${c.bold(summaryLine(result.inventory))}\n${body}\n${scanSummaryLine(result)}\n${suppressed}`;
  },
};
