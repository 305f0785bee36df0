/**
 * The last, pure step of a scan, shared by a scan as of one instant and a replay of many days:
 * VEX statements known by then applied, the rules' filters, sorting and the counts.
 */
import { isAfter, parseFeedTime } from '../time/instant.js';
import { passesFilters, sortFindings, summarise } from './counting.js';
import type { CountingRules, Finding, Summary } from './types.js';
// not the vex barrel: its document parsers (zod) are for --vex files only
import { applyVex } from './vex/apply.js';
import type { VexDocumentStatement } from './vex/types.js';

export interface Concluded {
  /** counted findings, sorted */
  findings: Finding[];
  /** not-affected and VEX-suppressed findings, sorted */
  suppressed: Finding[];
  summary: Summary;
}

/** Applies VEX (statements count from their own timestamp), the rules, and counts, as of `asOf`. */
export function concludeFindings(
  merged: { findings: Finding[]; notAffected: Finding[] },
  context: {
    statements: readonly VexDocumentStatement[];
    identities: string[];
    rules: CountingRules;
    asOf: string;
  },
): Concluded {
  const statements = context.statements.filter((s) => !isAfter(parseFeedTime(s.timestamp), context.asOf));
  const vexed = applyVex(merged.findings, statements, context.identities);
  const findings = sortFindings(vexed.kept.filter((f) => passesFilters(f, context.rules)));
  const suppressed = sortFindings([...merged.notAffected, ...vexed.suppressed]);
  return { findings, suppressed, summary: summarise(findings, context.rules, suppressed.length) };
}
