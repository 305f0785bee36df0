/**
 * One CSV cell, as every CSV cleanroom writes holds it (RFC 4180: CRLF line ends; a field with a
 * comma, quote or line break quoted, quotes doubled), neutralised against formula injection by
 * OWASP's rule: a text cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
 * leading `'`, so a spreadsheet shows it as text instead of running it
 * (https://owasp.org/www-community/attacks/CSV_Injection). A number stays a number: a numeric
 * cell is written as it is, and so is text that is exactly a decimal number (`-3`, `0.25`).
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** A text cell made safe for a spreadsheet (not yet quoted). */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) && !NUMBER.test(value) ? `'${value}` : value;
}

/** One field, neutralised, then quoted when RFC 4180 requires it. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutralise(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as RFC 4180 CSV with CRLF line ends, every cell through `csvCell`. */
export function csvRows(
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
