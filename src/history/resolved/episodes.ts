/**
 * Episodes (docs/counting.md "Resolved"), pure: a (vulnerability, package) that counts in a tag's
 * series from day a to day b is one episode; it ends once, on the first day with data on which it
 * no longer counts, by one cause. A day of no data is a gap, not an end. A vulnerability
 * reintroduced later opens a new episode.
 */
import type { Severity } from '../../advisory/types.js';
import type { CountingRules } from '../../match/types.js';
import { passesCompact, type CompactFinding } from '../compact.js';
import type { TagDay } from '../tag-days.js';

/** One (vulnerability, package) while it counts. */
export interface Episode {
  vulnerability: string;
  pkg: string;
  severity: Severity;
  /** the first day it counted; undefined when it was already open before the days read */
  startDay: string | undefined;
  /** its end (or an advisory event inside it) was counted already: one episode, one count */
  counted: boolean;
}

/** The key of a (vulnerability, package): the package by name, so an upgrade that still carries it goes on. */
export const pairKey = (vulnerability: string, pkg: string) => `${vulnerability}\0${pkg}`;

/** The (vulnerability, package) pairs a day counts under the rules, each at its highest severity. */
export function countedPairs(
  findings: readonly CompactFinding[],
  rules: CountingRules,
): Map<string, CompactFinding> {
  const out = new Map<string, CompactFinding>();
  for (const f of findings) {
    if (!passesCompact(f, rules)) continue;
    if (f[1] === 'negligible' && !rules.includeNegligible) continue;
    const key = pairKey(f[0], f[3]);
    if (!out.has(key)) out.set(key, f);
  }
  return out;
}

/** What ended an episode on a day: the rebuild, an advisory change, or a VEX statement. */
export type EndCause = 'update' | 'advisory' | 'vex';

/**
 * Why a pair that counted on the previous day with data no longer counts on `day`. The digest
 * changed and the old one would still carry it that day (`before`, under the same lens): the
 * rebuild. Otherwise a VEX statement suppressed it that day, or the advisories changed.
 */
export function endCause(
  key: string,
  day: TagDay,
  previous: TagDay,
  before: ReadonlyMap<string, CompactFinding> | undefined,
): EndCause {
  if (day.digest !== previous.digest && (before === undefined || before.has(key))) return 'update';
  if (day.vexSuppressed.some((f) => pairKey(f[0], f[3]) === key)) return 'vex';
  return 'advisory';
}
