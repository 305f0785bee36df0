/**
 * A PEP 440 sort key built once per version from @renovatebot/pep440's parse (`explain`), so a
 * comparison is a few number compares instead of two regex parses. The order is PEP 440's
 * (https://peps.python.org/pep-0440/#summary-of-permitted-suffixes-and-relative-ordering):
 * epoch, release (trailing zeros ignored), then dev-only < a < b < rc < final < post, dev before
 * its release, and a local label sorts after the same public version.
 */
import { explain } from '@renovatebot/pep440';

/** The parts of a PEP 440 version in comparable form. */
export interface Pep440Key {
  epoch: number;
  release: number[];
  /** -Infinity for a dev-only release, +Infinity for none, else letter rank * 1e15 + number */
  pre: number;
  post: number;
  dev: number;
  /** undefined without a local label */
  local: (number | string)[] | undefined;
}

const PRE_RANK: Record<string, number> = { a: 0, b: 1, rc: 2 };

/** The key of a PEP 440 version, or undefined when the string is not one. */
export function pep440Key(version: string): Pep440Key | undefined {
  const v = explain(version);
  if (!v) return undefined;
  const release = [...v.release];
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  // the package's typings say arrays; at run time post and dev are numbers or null
  const post = asNumber(v.post as unknown);
  const dev = asNumber(v.dev as unknown);
  const preParts = v.pre as unknown;
  let pre = Infinity;
  if (Array.isArray(preParts) && preParts.length === 2) {
    pre = (PRE_RANK[String(preParts[0])] ?? 2) * 1e15 + Number(preParts[1]);
  } else if (post === undefined && dev !== undefined) pre = -Infinity;
  return {
    epoch: v.epoch,
    release,
    pre,
    post: post ?? -Infinity,
    dev: dev ?? Infinity,
    local:
      v.local === null
        ? undefined
        : v.local.split(/[._-]/).map((s) => (/^\d+$/.test(s) ? Number(s) : s.toLowerCase())),
  };
}

function asNumber(x: unknown): number | undefined {
  return typeof x === 'number' ? x : Array.isArray(x) && typeof x[0] === 'number' ? x[0] : undefined;
}

function cmp(a: number | string, b: number | string): -1 | 0 | 1 {
  if (typeof a !== typeof b) return typeof a === 'number' ? 1 : -1; // numbers beat words in local labels
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two keys by PEP 440 order. */
export function comparePep440Keys(a: Pep440Key, b: Pep440Key): -1 | 0 | 1 {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  const n = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < n; i++) {
    const r = cmp(a.release[i] ?? 0, b.release[i] ?? 0);
    if (r !== 0) return r;
  }
  const r = cmp(a.pre, b.pre) || cmp(a.post, b.post) || cmp(a.dev, b.dev);
  if (r !== 0) return r;
  if (!a.local || !b.local) return a.local === b.local ? 0 : a.local ? 1 : -1;
  const m = Math.min(a.local.length, b.local.length);
  for (let i = 0; i < m; i++) {
    const l = cmp(a.local[i]!, b.local[i]!);
    if (l !== 0) return l;
  }
  return cmp(a.local.length, b.local.length);
}
