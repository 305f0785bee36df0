/**
 * How an affected row stores its fix. Most distro rows say no more than "affected below the fixed
 * version" (one ECOSYSTEM range from 0 to that version) or "affected, no fix yet": those are kept
 * as `fix_state` + `fixed_version` alone, and `detail` holds ranges, versions and severity only
 * where they say more (OSV SEMVER ranges, several ranges, last_affected, explicit versions).
 *
 * The matcher reads both forms alike (match/evaluate.ts): a row without ranges is affected below
 * its fixed version when it is fixed, and at every version otherwise. A row is stored without its
 * ranges only when that reading gives the same verdict for every version, which the property test
 * beside this file checks against the full ranges.
 */
import type { Affected, VersionRange } from '../types.js';
import type { AffectedDetail } from './schema.js';

/** Whether the ranges say nothing that `fixState` + `fixedVersion` do not already say. */
export function rangesImplied(
  affected: Pick<Affected, 'ranges' | 'versions' | 'fixState' | 'fixedVersion'>,
): boolean {
  const { ranges, fixState, fixedVersion } = affected;
  if (ranges.length === 0) return true;
  // explicit versions are read together with the ranges, so then the ranges stay
  if (affected.versions?.length) return false;
  if (ranges.length > 1) return false;
  const [range] = ranges as [VersionRange];
  if (range.type !== 'ECOSYSTEM') return false;
  const introducedAtZero = range.events.some((e) => 'introduced' in e && e.introduced === '0');
  if (!introducedAtZero) return false;
  if (range.events.length === 1)
    // "every version": the same as no ranges, unless a fixed row names a version to compare with
    return !(fixState === 'fixed' && fixedVersion);
  if (range.events.length !== 2) return false;
  const fixed = range.events.find((e): e is { fixed: string } => 'fixed' in e);
  // "below F": the same as a fixed row whose fixed version is F
  return fixed !== undefined && fixState === 'fixed' && fixed.fixed === fixedVersion;
}

/** The `detail` column of one affected package: null when the fix columns say it all. */
export function affectedDetail(affected: Affected): string | null {
  const versions = affected.versions?.length ? affected.versions : undefined;
  const severity = affected.severity;
  const ranges = rangesImplied(affected) ? undefined : affected.ranges;
  if (!ranges && !versions && !severity) return null;
  const detail: AffectedDetail = { ranges, versions, severity };
  return JSON.stringify(detail);
}
