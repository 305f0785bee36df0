/** `resolved --format table|json|csv`: the resolutions of each image, summed and listed. */
import pc from 'picocolors';
import { SEVERITIES } from '../../advisory/types.js';
import { sparkline } from '../../history/render/sparkline.js';
import type { ResolvedResult } from '../../history/resolved/resolved.js';
import { LENS_WORDS } from '../../history/lens.js';
import { csvLines, RESOLUTION_HEADER, resolutionCells } from './resolution-row.js';

export const RESOLVED_FORMATS = ['table', 'json', 'csv'] as const;
export type ResolvedFormat = (typeof RESOLVED_FORMATS)[number];

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));

/** Renders a `resolved` result. */
export function renderResolved(format: ResolvedFormat, r: ResolvedResult, color = false): string {
  if (format === 'json') return `${JSON.stringify(r, null, 2)}\n`;
  if (format === 'csv')
    return csvLines([
      RESOLUTION_HEADER,
      ...r.images.flatMap((i) => i.resolutions.map((x) => resolutionCells(i.ref, x))),
    ]);
  const c = pc.createColors(color);
  const out: string[] = [];
  for (const i of r.images) {
    out.push(`${c.bold(i.ref)}  ${r.from} … ${r.to}  ${c.cyan(sparkline(i.daily.map((d) => d.total)))}`);
    if (!i.daily.length) {
      // not "0 resolved": the tag pointed to nothing in the range, so nothing is known of it
      out.push(`no data in this range: the tag was first recorded after ${r.to}`, '');
      continue;
    }
    out.push(`resolved ${i.total}: ${SEVERITIES.map((s) => `${s} ${i.bySeverity[s]}`).join(', ')}`);
    out.push(`by update ${i.byHow.update}, by advisory ${i.byHow.advisory}, by VEX ${i.byHow.vex}`);
    const t = i.timeToFix.all;
    if (t.count)
      out.push(
        `time to fix: median ${t.medianDays} d, p90 ${t.p90Days} d, ${Math.round((t.withinSla ?? 0) * 100)}% within the SLA (${t.count} fixes with a known detection)`,
      );
    const width = Math.max(14, ...i.resolutions.map((x) => x.vulnerability.length));
    for (const x of i.resolutions)
      out.push(
        `  ${x.day}  ${pad(x.vulnerability, width)}  ${pad(x.severity, 10)}  ${pad(x.how, 8)}  ${x.package}: ${c.dim(x.detail)}`,
      );
    out.push('');
  }
  out.push(
    c.dim(`advisory DB: ${r.db ? `built ${r.db.builtAt}` : 'none (resolved by update and VEX only)'}`),
    c.dim(
      `lens: ${LENS_WORDS[r.lens]}; counted ${r.rules.countBy === 'package' ? 'per (vulnerability, package)' : 'once per vulnerability (the list shows every package)'}`,
    ),
  );
  return `${out.join('\n')}\n`;
}
