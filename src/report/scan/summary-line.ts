/** The one-line summary of a scan that the table prints under the findings. */
import { SEVERITIES } from '../../advisory/types.js';
import type { ScanResult } from '../../match/types.js';

const FIX_STATES = ['fixed', 'not-fixed', 'wont-fix'] as const;

/** `6 vulnerabilities: 2 critical, 4 medium · fixed 6 · 1 suppressed · DB built … · cleanroom 0.1.0`. */
export function scanSummaryLine(result: ScanResult): string {
  const { summary } = result;
  const unit = result.rules.countBy === 'package' ? 'findings' : 'vulnerabilities';
  const bySeverity = SEVERITIES.filter((s) => summary.bySeverity[s] > 0)
    .map((s) => `${summary.bySeverity[s]} ${s}`)
    .join(', ');
  const byState = FIX_STATES.filter((s) => summary.byFixState[s] > 0)
    .map((s) => `${s} ${summary.byFixState[s]}`)
    .join(', ');
  const parts = [
    `${summary.total} ${summary.total === 1 ? unit.replace(/ies$/, 'y').replace(/s$/, '') : unit}${bySeverity ? `: ${bySeverity}` : ''}`,
  ];
  if (byState) parts.push(byState);
  if (summary.suppressed) parts.push(`${summary.suppressed} suppressed`);
  parts.push(`DB built ${result.db.builtAt}`);
  parts.push(`${result.scanner.name} ${result.scanner.version}`);
  return parts.join(' · ');
}
