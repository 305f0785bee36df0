/** The ROI report as Markdown: the numbers and the counting notes, no charts (for tickets and wikis). */
import { SEVERITIES } from '../../advisory/types.js';
import type { RoiReport } from '../../history/resolved/roi-report.js';
import { countingNotes } from './assumptions.js';

/**
 * Text as Markdown shows it and never runs it: HTML's `&`, `<` and `>` as entities (a renderer that
 * passes HTML through gets none), and the characters of Markdown's own syntax (emphasis, links,
 * images, code, tables, headings) backslash-escaped, so an image named `<img onerror=…>` or
 * `[x](javascript:…)` is shown as its text.
 */
export function markdownText(value: string | number): string {
  return escapeHtml(String(value))
    .replace(/[\\`*_[\]()#|!~]/g, (ch) => `\\${ch}`)
    .replace(/[\r\n]+/g, ' ');
}

/** `&`, `<` and `>` as HTML entities. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// the alignment row of a table is syntax, not text
const row = (cells: (string | number)[]) =>
  `| ${cells.map((c) => (/^-{3}:?$/.test(String(c)) ? String(c) : markdownText(c))).join(' | ')} |`;

/** The report as Markdown. */
export function renderRoiMarkdown(r: RoiReport): string {
  const c = r.assumptions.currency;
  const out = [
    `# CVEs resolved since ${markdownText(r.since)}`,
    '',
    markdownText(
      `${r.since} to ${r.to}, generated ${r.generatedAt} by ${r.scanner.name} ${r.scanner.version}.`,
    ),
    '',
    row(['', 'resolved', 'hours saved', `money (${c})`, 'CVEs avoided']),
    row(['---', '---:', '---:', '---:', '---:']),
    row(['total', r.total.resolved, r.total.hours, r.total.money, r.total.avoided.cves]),
    ...r.images.map((i) =>
      row([i.ref, i.total, i.roi.hours, i.roi.money, Math.max(0, ...i.avoided.map((a) => a.cves))]),
    ),
    '',
    row(['resolved by severity', ...SEVERITIES]),
    row(['---', ...SEVERITIES.map(() => '---:')]),
    ...r.images.map((i) => row([i.ref, ...SEVERITIES.map((s) => i.bySeverity[s])])),
    '',
    '## How these numbers are counted',
    '',
    ...countingNotes(r).map((n, i) => `${i + 1}. ${escapeHtml(n)}`),
    '',
  ];
  return out.join('\n');
}
