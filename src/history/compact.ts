/**
 * Findings as an observation keeps them: one small tuple per finding, enough to count again under
 * the counting rules (docs/counting.md) and to know which ids a day carried, at a fraction of the
 * size of a full Finding (a store of a thousand images × a year of days holds half a million).
 */
import { SEVERITIES, zeroBySeverity, type FixState, type Severity } from '../advisory/types.js';
import type { CountingRules, Finding } from '../match/types.js';

/** [vulnerability, severity, fix state, package name, package version, fixed version or ''] */
export type CompactFinding = [string, Severity, FixState, string, string, string];

/** Counts by severity and fix state, the total, and the counted ids (sorted). */
export interface Counts {
  bySeverity: Record<Severity, number>;
  byFixState: Record<FixState, number>;
  total: number;
  ids: string[];
}

export const FIX_STATES: readonly FixState[] = ['fixed', 'not-fixed', 'wont-fix', 'not-affected'];

/** The compact form of a counted finding. */
export function compactFinding(f: Finding): CompactFinding {
  return [f.vulnerability, f.severity, f.fixState, f.package.name, f.package.version, f.fixedVersion ?? ''];
}

/** Empty counts (every bucket present, so JSON and CSV always carry the same columns). */
export function emptyCounts(): Counts {
  return {
    bySeverity: zeroBySeverity(),
    byFixState: Object.fromEntries(FIX_STATES.map((s) => [s, 0])) as Record<FixState, number>,
    total: 0,
    ids: [],
  };
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

/**
 * Counts compact findings as `summarise` (src/match/counting.ts) counts full ones: one unit per
 * vulnerability (or per vulnerability and package) at its highest severity; negligible apart and
 * out of the total and the ids unless the rules include it; not-affected never counts.
 */
export function countCompact(
  findings: readonly CompactFinding[],
  rules: Pick<CountingRules, 'countBy' | 'includeNegligible'>,
): Counts {
  const units = new Map<string, CompactFinding>();
  for (const f of findings) {
    if (f[2] === 'not-affected') continue;
    const key = rules.countBy === 'vulnerability' ? f[0] : `${f[0]}\0${f[3]}\0${f[4]}`;
    const seen = units.get(key);
    if (!seen || rank(f[1]) < rank(seen[1])) units.set(key, f);
  }
  const counts = emptyCounts();
  const ids = new Set<string>();
  for (const f of units.values()) {
    counts.bySeverity[f[1]] += 1;
    if (f[1] === 'negligible' && !rules.includeNegligible) continue;
    counts.byFixState[f[2]] += 1;
    counts.total += 1;
    ids.add(f[0]);
  }
  counts.ids = [...ids].sort();
  return counts;
}

/** Whether a compact finding is counted under the rules' filters (as `passesFilters` does for full ones). */
export function passesCompact(f: CompactFinding, rules: CountingRules): boolean {
  if (f[2] === 'not-affected') return false;
  if (rules.cveOnly && !f[0].startsWith('CVE-')) return false;
  if (rules.onlyFixed && f[2] !== 'fixed') return false;
  return !rules.ignoreStates.includes(f[2]);
}

/** Counts compact findings under all of the rules: filters first, then the count unit. */
export function countUnder(findings: readonly CompactFinding[], rules: CountingRules): Counts {
  return countCompact(
    findings.filter((f) => passesCompact(f, rules)),
    rules,
  );
}
