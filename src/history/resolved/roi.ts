/**
 * Return on investment (docs/roi.md): every resolved vulnerability is work the supplier did in the
 * user's place. Hours saved = resolved × hours per CVE (per severity where given); money = hours ×
 * hourly rate. Avoided = what an alternative image accumulated over the same range minus what the
 * chosen image did (the accumulation curves of `compare`), valued the same way.
 */
import { SEVERITIES, type Severity } from '../../advisory/types.js';
import type { Resolution } from './types.js';

export interface RoiAssumptions {
  /** engineering hours one CVE costs to triage, patch, test and ship (default 3.0) */
  hoursPerCve: number;
  /** per-severity overrides of `hoursPerCve` */
  hoursBySeverity: Partial<Record<Severity, number>>;
  /** cost of one engineering hour (default 100) */
  hourlyRate: number;
  currency: string;
}

export const DEFAULT_ASSUMPTIONS: RoiAssumptions = {
  hoursPerCve: 3,
  hoursBySeverity: {},
  hourlyRate: 100,
  currency: 'USD',
};

export interface Saved {
  cves: number;
  hours: number;
  money: number;
}

export interface Roi extends Saved {
  bySeverity: Record<Severity, Saved>;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Hours and money saved by the counted resolutions (the count unit's), in total and per severity. */
export function roiOf(resolutions: readonly Resolution[], a: RoiAssumptions = DEFAULT_ASSUMPTIONS): Roi {
  const bySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [s, { cves: 0, hours: 0, money: 0 }]),
  ) as Record<Severity, Saved>;
  for (const r of resolutions) {
    if (!r.counted) continue;
    const hours = a.hoursBySeverity[r.severity] ?? a.hoursPerCve;
    const s = bySeverity[r.severity];
    s.cves += 1;
    s.hours += hours;
  }
  let cves = 0;
  let hours = 0;
  for (const s of Object.values(bySeverity)) {
    s.hours = round2(s.hours);
    s.money = round2(s.hours * a.hourlyRate);
    cves += s.cves;
    hours += s.hours;
  }
  return { cves, hours: round2(hours), money: round2(hours * a.hourlyRate), bySeverity };
}

/** What choosing an image avoided against an alternative: the difference of the two accumulations. */
export function avoidedOf(
  chosenAccumulated: number,
  alternativeAccumulated: number,
  a: RoiAssumptions = DEFAULT_ASSUMPTIONS,
): Saved {
  const cves = alternativeAccumulated - chosenAccumulated;
  const hours = round2(cves * a.hoursPerCve);
  return { cves, hours, money: round2(hours * a.hourlyRate) };
}
