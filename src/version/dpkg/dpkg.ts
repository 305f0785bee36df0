/**
 * Debian package versions, `[epoch:]upstream_version[-debian_revision]`, ordered as Debian Policy
 * §5.6.12 describes: https://www.debian.org/doc/debian-policy/ch-controlfields.html#version
 * Written from the policy text; `dpkg --compare-versions` is the oracle in the tests.
 */
import { compareDigitRuns, digitRunEnd, isDigit, isLetter } from '../digits.js';
import { InvalidVersionError, type VersionScheme } from '../types.js';

const TILDE = 126;

/** Where the three parts of a version are, as indexes into the string (no substrings made). */
interface DpkgParts {
  epochEnd: number; // index of ':' or -1
  revisionStart: number; // index just past the last '-', or -1 without a revision
}

function isUpstreamChar(c: number): boolean {
  // alphanumerics and . + - ~ ; ':' is allowed by dpkg inside the upstream part of an epoched version
  return isDigit(c) || isLetter(c) || c === 46 || c === 43 || c === 45 || c === TILDE || c === 58;
}

function isRevisionChar(c: number): boolean {
  return isDigit(c) || isLetter(c) || c === 46 || c === 43 || c === TILDE;
}

/** Finds the parts of a dpkg version, or undefined when the string is not one. */
function parse(v: string): DpkgParts | undefined {
  const colon = v.indexOf(':');
  if (colon === 0) return undefined;
  for (let i = 0; i < colon; i++) if (!isDigit(v.charCodeAt(i))) return undefined;
  const hyphen = v.lastIndexOf('-');
  const upStart = colon + 1;
  const upEnd = hyphen > colon ? hyphen : v.length;
  if (upEnd <= upStart) return undefined; // empty upstream version
  for (let i = upStart; i < upEnd; i++) {
    const c = v.charCodeAt(i);
    if (!isUpstreamChar(c) || (c === 58 && colon < 0)) return undefined;
  }
  if (hyphen > colon) {
    if (hyphen === v.length - 1) return undefined; // empty revision
    for (let i = hyphen + 1; i < v.length; i++) if (!isRevisionChar(v.charCodeAt(i))) return undefined;
  }
  return { epochEnd: colon, revisionStart: hyphen > colon ? hyphen + 1 : -1 };
}

/** Policy's order of a non-digit character: `~` before the end of the part, letters before the rest. */
function order(s: string, i: number, end: number): number {
  if (i >= end) return 0;
  const c = s.charCodeAt(i);
  if (isDigit(c)) return 0;
  if (c === TILDE) return -1;
  if (isLetter(c)) return c;
  return c + 256;
}

/** Compares one part (upstream or revision) by the alternating non-digit / digit rule of the policy. */
function comparePart(a: string, i: number, aEnd: number, b: string, j: number, bEnd: number): -1 | 0 | 1 {
  while (i < aEnd || j < bEnd) {
    // non-digit prefixes, character by character; the shorter one is padded with "end" (order 0)
    while ((i < aEnd && !isDigit(a.charCodeAt(i))) || (j < bEnd && !isDigit(b.charCodeAt(j)))) {
      const oa = order(a, i, aEnd);
      const ob = order(b, j, bEnd);
      if (oa !== ob) return oa < ob ? -1 : 1;
      if (i < aEnd && !isDigit(a.charCodeAt(i))) i++;
      if (j < bEnd && !isDigit(b.charCodeAt(j))) j++;
    }
    const ai = digitRunEnd(a, i, aEnd);
    const bj = digitRunEnd(b, j, bEnd);
    const n = compareDigitRuns(a, i, ai, b, j, bj);
    if (n !== 0) return n;
    i = ai;
    j = bj;
  }
  return 0;
}

function compareDpkg(a: string, b: string): -1 | 0 | 1 {
  const pa = parse(a);
  if (!pa) throw new InvalidVersionError('dpkg', a);
  const pb = parse(b);
  if (!pb) throw new InvalidVersionError('dpkg', b);
  const epoch = compareDigitRuns(a, 0, Math.max(pa.epochEnd, 0), b, 0, Math.max(pb.epochEnd, 0));
  if (epoch !== 0) return epoch;
  const aUpEnd = pa.revisionStart < 0 ? a.length : pa.revisionStart - 1;
  const bUpEnd = pb.revisionStart < 0 ? b.length : pb.revisionStart - 1;
  const up = comparePart(a, pa.epochEnd + 1, aUpEnd, b, pb.epochEnd + 1, bUpEnd);
  if (up !== 0) return up;
  // an absent revision compares as an empty one, which equals "0" under the digit rule
  return comparePart(
    a,
    pa.revisionStart < 0 ? a.length : pa.revisionStart,
    a.length,
    b,
    pb.revisionStart < 0 ? b.length : pb.revisionStart,
    b.length,
  );
}

/** The dpkg scheme: Debian, Ubuntu and their derivatives. */
export const dpkgScheme: VersionScheme = {
  name: 'dpkg',
  compare: compareDpkg,
  isValid: (v) => parse(v) !== undefined,
};
