/**
 * Time to fix per severity against an SLA (docs/roi.md): from first detection to resolution, the
 * median, the 90th percentile (nearest rank) and the share resolved within the SLA's days.
 */
import { SEVERITIES, type Severity } from '../../advisory/types.js';
import type { Resolution } from './types.js';

/** Days allowed per severity. Defaults: Chainguard's published remediation windows. */
export type Sla = Record<Severity, number>;
export const DEFAULT_SLA: Sla = { critical: 7, high: 14, medium: 14, low: 14, negligible: 14, unknown: 14 };

export interface TimeToFixStats {
  /** resolutions with both a detection and a resolution time */
  count: number;
  medianDays: number | null;
  p90Days: number | null;
  /** share (0..1) of those resolved within the SLA, null without any */
  withinSla: number | null;
  slaDays: number;
}

/** Time-to-fix statistics per severity, and over all severities (`all`, judged per severity). */
export function timeToFix(
  resolutions: readonly Resolution[],
  sla: Sla = DEFAULT_SLA,
): Record<Severity | 'all', TimeToFixStats> {
  const out = {} as Record<Severity | 'all', TimeToFixStats>;
  let allWithin = 0;
  const allDays: number[] = [];
  for (const severity of SEVERITIES) {
    const days = resolutions
      .filter((r) => r.severity === severity && r.timeToFixDays !== undefined)
      .map((r) => r.timeToFixDays!);
    const within = days.filter((d) => d <= sla[severity]).length;
    allWithin += within;
    allDays.push(...days);
    out[severity] = stats(days, within, sla[severity]);
  }
  out.all = { ...stats(allDays, allWithin, Number.NaN), slaDays: Number.NaN };
  return out;
}

function stats(days: number[], within: number, slaDays: number): TimeToFixStats {
  const sorted = [...days].sort((a, b) => a - b);
  const n = sorted.length;
  const round = (d: number) => Math.round(d * 10_000) / 10_000;
  const median = n === 0 ? null : n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return {
    count: n,
    medianDays: median === null ? null : round(median),
    p90Days: n === 0 ? null : round(sorted[Math.ceil(0.9 * n) - 1]!),
    withinSla: n === 0 ? null : round(within / n),
    slaDays,
  };
}

/** Resolution − detection in days, 4 decimals (seconds / 86,400), when both are known. */
export function daysBetween(from: string | undefined, to: string): number | undefined {
  if (from === undefined) return undefined;
  return Math.round(((Date.parse(to) - Date.parse(from)) / 86_400_000) * 10_000) / 10_000;
}
