/** The fix state of a Wolfi advisory from its timestamped events (pure). */
import type { FixState } from '../../types.js';
import type { WolfiEvent } from './schema.js';

/** What the events say: the state of the latest event, and the last fix with its time. */
export interface WolfiFix {
  fixState: FixState;
  fixedVersion?: string;
  fixedAt?: string;
  published: string;
  modified: string;
}

/**
 * The state is decided by the LATEST event (events are re-sorted by time: files are hand-edited):
 * fixed → fixed; false-positive-determination → not-affected; fix-not-planned → wont-fix; any other
 * (detection, true-positive-determination, pending-upstream-fix, analysis-not-planned) → not-fixed.
 * The last `fixed` event's version and time are kept even when a later event overrides its state.
 */
export function wolfiFix(events: readonly WolfiEvent[]): WolfiFix {
  const sorted = [...events].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  const first = sorted[0] as WolfiEvent;
  const latest = sorted.at(-1) as WolfiEvent;
  const lastFix = sorted.filter((e) => e.type === 'fixed').at(-1);
  const fixedVersion = lastFix?.data?.['fixed-version'];
  return {
    fixState: stateOf(latest.type),
    ...(fixedVersion ? { fixedVersion } : {}),
    ...(lastFix ? { fixedAt: lastFix.timestamp } : {}),
    published: first.timestamp,
    modified: latest.timestamp,
  };
}

function stateOf(type: string): FixState {
  if (type === 'fixed') return 'fixed';
  if (type === 'false-positive-determination') return 'not-affected';
  if (type === 'fix-not-planned') return 'wont-fix';
  return 'not-fixed';
}
