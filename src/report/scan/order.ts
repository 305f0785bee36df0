/** The order findings are shown in, shared by every format so that outputs line up. */
import type { Severity } from '../../advisory/types.js';
import { SEVERITIES } from '../../advisory/types.js';
import type { Finding } from '../../match/types.js';

/** 0 for critical … 5 for unknown. */
export function severityRank(s: Severity): number {
  const i = SEVERITIES.indexOf(s);
  return i < 0 ? SEVERITIES.length : i;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares findings: severity (worst first), then vulnerability id, then package name and version. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareText(a.vulnerability, b.vulnerability) ||
    compareText(a.package.name, b.package.name) ||
    compareText(a.package.version, b.package.version)
  );
}

/** A sorted copy of the findings. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
