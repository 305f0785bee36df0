/** The ROI report as Markdown: the numbers and the counting notes, no charts (for tickets and wikis). */
import { SEVERITIES } from '../../advisory/types.js';
import type { RoiReport } from '../../history/resolved/roi-report.js';
import { countingNotes } from './assumptions.js';

const row = (cells: (string | number)[]) =>
  `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;

/** The report as Markdown. */
export function renderRoiMarkdown(r: RoiReport): string {
  const c = r.assumptions.currency;
  const out = [
    `# CVEs resolved since ${r.since}`,
    '',
    `${r.since} to ${r.to}, generated ${r.generatedAt} by ${r.scanner.name} ${r.scanner.version}.`,
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
    ...countingNotes(r).map((n, i) => `${i + 1}. ${n}`),
    '',
  ];
  return out.join('\n');
}
