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
 * affects every version). As of an instant before the row's fix was published (`fixedAt`), the
 * record still said "affected, no fix yet": every version it covers is affected, whatever the fix
 * will be. `asOf` and `fixedAt` are instants (src/time/instant.ts), compared as such.
 */
export function evaluateRow(row: AffectedRecord, version: string, scheme: string, asOf?: string): Verdict {
  const inRange = row.ranges.length > 0 || (row.versions?.length ?? 0) > 0;
  if (row.fixState === 'not-affected') {
    if (!inRange) return { kind: 'not-affected' };
    return isAffected(scheme, version, row.ranges, row.versions)
      ? { kind: 'not-affected' }
      : { kind: 'unaffected' };
  }
  if (asOf !== undefined && row.fixedAt !== undefined && row.fixedAt > asOf) {
    const open = !inRange || isAffected(scheme, version, withoutFixes(row.ranges), row.versions);
    return open ? { kind: 'affected', fixState: 'not-fixed' } : { kind: 'unaffected' };
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
  return { kind: 'affected', fixState: 'fixed', fixedVersion, fixedAt: row.fixedAt };
}

// the ranges as they were before any fix was known: open from each introduced version
const openRanges = new WeakMap<AffectedRecord['ranges'], AffectedRecord['ranges']>();
function withoutFixes(ranges: AffectedRecord['ranges']): AffectedRecord['ranges'] {
  let open = openRanges.get(ranges);
  if (!open) {
    open = ranges.map((r) => ({ ...r, events: r.events.filter((e) => !('fixed' in e)) }));
    openRanges.set(ranges, open);
  }
  return open;
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
