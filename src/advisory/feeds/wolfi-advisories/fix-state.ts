/** The states of a Wolfi advisory over time, from its timestamped events (pure). */
import type { FixState } from '../../types.js';
import { parseFeedTime } from '../../../time/instant.js';
import type { WolfiEvent } from './schema.js';

/** What the advisory said from one event until the next one changed it. */
export interface WolfiState {
  /** the instant of the event that started this state */
  from: string;
  /** the instant of the next event that changed it; open when this is the current state */
  to?: string;
  fixState: FixState;
  fixedVersion?: string;
  fixedAt?: string;
}

/** The timeline of an advisory with its first and latest event times. */
export interface WolfiTimeline {
  states: WolfiState[];
  published: string;
  modified: string;
}

/**
 * Walks the events in time order (files are hand-edited, so their order is not trusted): each
 * event starts a state that lasts until the next event that says something else. `fixed` →
 * fixed below its version; `false-positive-determination` → not-affected; `fix-not-planned` →
 * wont-fix; any other (detection, true-positive-determination, pending-upstream-fix,
 * analysis-not-planned) → affected with no fix. So a replay of day D reads what the advisory said
 * on D: a version that carries a fix marked on 2024-02-29 is still affected on 2024-02-28.
 */
export function wolfiTimeline(events: readonly WolfiEvent[]): WolfiTimeline {
  const timed = events
    .map((e) => ({ e, at: parseFeedTime(e.timestamp) ?? e.timestamp }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const states: WolfiState[] = [];
  for (const { e, at } of timed) {
    const fixState = stateOf(e.type);
    const fixedVersion = fixState === 'fixed' ? e.data?.['fixed-version'] : undefined;
    const state: WolfiState = {
      from: at,
      fixState,
      ...(fixedVersion ? { fixedVersion, fixedAt: at } : {}),
    };
    const last = states.at(-1);
    if (last && last.fixState === state.fixState && last.fixedVersion === state.fixedVersion) continue;
    if (last && last.from === at) states.pop();
    else if (last) last.to = at;
    states.push(state);
  }
  return { states, published: timed[0]!.at, modified: timed.at(-1)!.at };
}

function stateOf(type: string): FixState {
  if (type === 'fixed') return 'fixed';
  if (type === 'false-positive-determination') return 'not-affected';
  if (type === 'fix-not-planned') return 'wont-fix';
  return 'not-fixed';
}
