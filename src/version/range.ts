/**
 * Whether a version falls in OSV ranges, following the evaluation given in the OSV schema
 * (https://ossf.github.io/osv-schema/#evaluation): events sorted by version, then walked —
 * `introduced` opens (the version "0" means "from the start"), `fixed` closes at the version,
 * `last_affected` closes after it; `limit` events bound the whole range from above. GIT ranges
 * name commits, not versions, so they never match a version here.
 */
import type { RangeEvent, VersionRange } from '../advisory/types.js';
import { getScheme } from './registry.js';
import { semverScheme } from './semver/semver.js';
import type { VersionScheme } from './types.js';

/** One event flattened: its kind and its version. */
interface FlatEvent {
  kind: 'introduced' | 'fixed' | 'last_affected' | 'limit';
  version: string;
}

const KIND_ORDER = { introduced: 0, last_affected: 1, fixed: 2, limit: 3 } as const;

function flatten(event: RangeEvent): FlatEvent {
  if ('introduced' in event) return { kind: 'introduced', version: event.introduced };
  if ('fixed' in event) return { kind: 'fixed', version: event.fixed };
  if ('last_affected' in event) return { kind: 'last_affected', version: event.last_affected };
  return { kind: 'limit', version: event.limit };
}

// sorting costs compares; the matcher meets the same range objects again and again
const sortedCache = new Map<VersionScheme, WeakMap<VersionRange, FlatEvent[]>>();

/** The events of a range sorted by version ("0" first; at equal versions `introduced` first). */
export function sortedEvents(scheme: VersionScheme, range: VersionRange): FlatEvent[] {
  let byRange = sortedCache.get(scheme);
  if (!byRange) sortedCache.set(scheme, (byRange = new WeakMap()));
  const hit = byRange.get(range);
  if (hit) return hit;
  const events = range.events.map(flatten);
  events.sort((x, y) => {
    const zx = x.kind === 'introduced' && x.version === '0';
    const zy = y.kind === 'introduced' && y.version === '0';
    if (zx || zy) return zx === zy ? 0 : zx ? -1 : 1;
    return scheme.compare(x.version, y.version) || KIND_ORDER[x.kind] - KIND_ORDER[y.kind];
  });
  byRange.set(range, events);
  return events;
}

/** Whether the version is inside one range (for its scheme). */
export function inRange(scheme: VersionScheme, version: string, range: VersionRange): boolean {
  if (range.type === 'GIT') return false;
  const s = range.type === 'SEMVER' ? semverScheme : scheme;
  let affected = false;
  let limited = false;
  let belowSomeLimit = false;
  for (const e of sortedEvents(s, range)) {
    if (e.kind === 'introduced') {
      if (e.version === '0' || s.compare(version, e.version) >= 0) affected = true;
    } else if (e.kind === 'fixed') {
      if (s.compare(version, e.version) >= 0) affected = false;
    } else if (e.kind === 'last_affected') {
      if (s.compare(version, e.version) > 0) affected = false;
    } else {
      limited = true;
      if (s.compare(version, e.version) < 0) belowSomeLimit = true;
    }
  }
  return affected && (!limited || belowSomeLimit);
}

/**
 * Whether a version is affected: listed in `versions` (OSV's explicit list) or inside any range.
 * Throws InvalidVersionError when the version or an event's version is not valid in the scheme.
 */
export function isAffected(
  scheme: VersionScheme | string,
  version: string,
  ranges: readonly VersionRange[],
  versions?: readonly string[],
): boolean {
  const s = typeof scheme === 'string' ? getScheme(scheme) : scheme;
  if (versions) {
    for (const v of versions) if (v === version || (s.isValid(v) && s.compare(v, version) === 0)) return true;
  }
  for (const range of ranges) if (inRange(s, version, range)) return true;
  return false;
}
