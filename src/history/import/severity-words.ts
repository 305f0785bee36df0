import type { FixState, Severity } from '../../advisory/types.js';

/** A peer's severity word (CRITICAL, High, Negligible …) as a cleanroom severity; anything else is unknown. */
export function severityWord(word: string | undefined): Severity {
  const s = (word ?? '').toLowerCase();
  return s === 'critical' || s === 'high' || s === 'medium' || s === 'low' || s === 'negligible'
    ? s
    : 'unknown';
}

/**
 * Trivy's `Status` (pkg/types/vulnerability.go) and Grype's `fix.state` as cleanroom fix states:
 * will_not_fix / end_of_life / wont-fix → wont-fix; not_affected → not-affected; fixed → fixed;
 * the rest (affected, fix_deferred, under_investigation, not-fixed, unknown) → not-fixed. Without a
 * status, a fixed version means fixed.
 */
export function fixStateWord(word: string | undefined, fixedVersion: string | undefined): FixState {
  switch ((word ?? '').toLowerCase().replace(/-/g, '_')) {
    case 'fixed':
      return 'fixed';
    case 'will_not_fix':
    case 'wont_fix':
    case 'end_of_life':
      return 'wont-fix';
    case 'not_affected':
      return 'not-affected';
    case '':
      return fixedVersion ? 'fixed' : 'not-fixed';
    default:
      return 'not-fixed';
  }
}
