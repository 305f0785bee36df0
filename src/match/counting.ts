import { SEVERITIES, zeroBySeverity, type FixState, type Severity } from '../advisory/types.js';
import type { CountingRules, Finding, Summary } from './types.js';

export const DEFAULT_RULES: CountingRules = {
  countBy: 'vulnerability',
  includeNegligible: false,
  ignoreStates: [],
  onlyFixed: false,
  cveOnly: false,
};

const FIX_STATES: FixState[] = ['fixed', 'not-fixed', 'wont-fix', 'not-affected'];
const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

/**
 * Whether a finding is listed under the rules' filters (`--only-fixed`, `--ignore-states`,
 * `--cve-only`).
 */
export function passesFilters(finding: Finding, rules: CountingRules): boolean {
  if (finding.fixState === 'not-affected') return false;
  if (rules.cveOnly && !finding.vulnerability.startsWith('CVE-')) return false;
  if (rules.onlyFixed && finding.fixState !== 'fixed') return false;
  return !rules.ignoreStates.includes(finding.fixState);
}

/**
 * Counts findings by DESIGN.md's rules: one per distinct vulnerability (aliases already collapsed
 * to the CVE id), taking the highest severity among its packages, or one per (vulnerability,
 * package); `negligible` is counted apart and left out of the total unless asked.
 */
export function summarise(findings: readonly Finding[], rules: CountingRules, suppressed = 0): Summary {
  const units = new Map<string, Finding>();
  for (const f of findings) {
    const key = rules.countBy === 'vulnerability' ? f.vulnerability : `${f.vulnerability}\0${f.package.purl}`;
    const seen = units.get(key);
    if (!seen || severityRank(f.severity) < severityRank(seen.severity)) units.set(key, f);
  }
  const bySeverity = zeroBySeverity();
  const byFixState = Object.fromEntries(FIX_STATES.map((s) => [s, 0])) as Record<FixState, number>;
  let total = 0;
  for (const f of units.values()) {
    bySeverity[f.severity] += 1;
    if (f.severity === 'negligible' && !rules.includeNegligible) continue;
    byFixState[f.fixState] += 1;
    total += 1;
  }
  return { bySeverity, byFixState, total, suppressed };
}

/** Findings sorted for people: most severe first, then by id and package. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      a.vulnerability.localeCompare(b.vulnerability) ||
      a.package.name.localeCompare(b.package.name) ||
      a.package.version.localeCompare(b.package.version),
  );
}
