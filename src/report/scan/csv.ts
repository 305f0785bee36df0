/**
 * `--format csv`: one row per finding for spreadsheets, RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180):
 * CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled, and a text cell
 * that a spreadsheet would run as a formula neutralised (../csv-cell.ts).
 */
import type { Finding, ScanResult } from '../../match/types.js';
import { csvCell } from '../csv-cell.js';
import { sortFindings } from './order.js';
import type { ScanFormat, ScanRenderOptions } from './types.js';

/** The header row, in column order. */
export const CSV_HEADER = [
  'vulnerability',
  'severity',
  'package',
  'version',
  'type',
  'fixed_version',
  'fix_state',
  'kev',
  'epss',
  'layer',
  'purl',
] as const;

/** One field: neutralised against formulas and quoted when RFC 4180 requires it (../csv-cell.ts). */
export const csvField = csvCell;

function row(f: Finding): string[] {
  return [
    f.vulnerability,
    f.severity,
    f.package.name,
    f.package.version,
    f.package.type,
    f.fixedVersion ?? '',
    f.fixState,
    f.kev ? 'true' : 'false',
    f.epss === undefined ? '' : String(f.epss),
    f.package.layer ?? '',
    f.package.purl,
  ];
}

/** `--format csv`; with `showSuppressed` the suppressed findings follow the counted ones. */
export const csvScanFormat: ScanFormat = {
  name: 'csv',
  description: 'CSV (RFC 4180), one row per finding',
  render(scan: ScanResult, options: ScanRenderOptions): string {
    const findings = sortFindings(scan.findings);
    if (options.showSuppressed) findings.push(...sortFindings(scan.suppressed));
    const lines = [[...CSV_HEADER], ...findings.map(row)].map((cells) => cells.map(csvField).join(','));
    return `${lines.join('\r\n')}\r\n`;
  },
};
