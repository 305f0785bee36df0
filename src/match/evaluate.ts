import type { AffectedRecord } from '../advisory/db/types.js';
import type { FixState } from '../advisory/types.js';
import { compareVersions, isAffected } from '../version/index.js';

/** What one advisory row says about one installed version. */
export type Verdict =
  | { kind: 'unaffected' }
  | { kind: 'not-affected' }
  | {
      kind: 'affected';
      fixState: Exclude<FixState, 'not-affected'>;
      fixedVersion?: string;
      fixedAt?: string;
    };

/**
 * Evaluates one row against an installed version: OSV ranges where the row has them, else the
 * fixed version (affected below it), else the row's fix state alone (an open, unfixed issue
 * affects every version). With `asOf`, a fix published after that time was not yet available.
 */
export function evaluateRow(row: AffectedRecord, version: string, scheme: string, asOf?: string): Verdict {
  const inRange = row.ranges.length > 0 || (row.versions?.length ?? 0) > 0;
  if (row.fixState === 'not-affected') {
    if (!inRange) return { kind: 'not-affected' };
    return isAffected(scheme, version, row.ranges, row.versions)
      ? { kind: 'not-affected' }
      : { kind: 'unaffected' };
  }
  let affected: boolean;
  if (inRange) affected = isAffected(scheme, version, row.ranges, row.versions);
  else if (row.fixState === 'fixed' && row.fixedVersion)
    affected = compareVersions(scheme, version, row.fixedVersion) < 0;
  else affected = true;
  if (!affected) return { kind: 'unaffected' };
  const fixedVersion = (inRange ? nextFixed(row, version, scheme) : undefined) ?? row.fixedVersion;
  if (!fixedVersion)
    return { kind: 'affected', fixState: row.fixState === 'wont-fix' ? 'wont-fix' : 'not-fixed' };
  if (asOf && row.fixedAt && row.fixedAt > asOf) return { kind: 'affected', fixState: 'not-fixed' };
  return { kind: 'affected', fixState: 'fixed', fixedVersion, fixedAt: row.fixedAt };
}

/** The smallest `fixed` event above the installed version: the version to upgrade to. */
function nextFixed(row: AffectedRecord, version: string, scheme: string): string | undefined {
  let best: string | undefined;
  for (const range of row.ranges) {
    for (const event of range.events) {
      if (!('fixed' in event) || compareVersions(scheme, event.fixed, version) <= 0) continue;
      if (best === undefined || compareVersions(scheme, event.fixed, best) < 0) best = event.fixed;
    }
  }
  return best;
}
