/**
 * Semantic Versioning 2.0.0 precedence (https://semver.org/#spec-item-11), read leniently the way
 * advisory feeds write versions: an optional `v` or `=` prefix, missing minor/patch = 0, numbers of
 * any length, and numeric parts past the third treated like build metadata (ignored). Index-based:
 * parsing a version copies no substrings.
 */
import { compareDigitRuns, compareRange, digitRunEnd, isDigit, isLetter } from '../digits.js';

/** Where the parts of a version are: [start, end) of major, minor, patch, and of the pre-release. */
export interface SemverParts {
  text: string;
  nums: [number, number, number, number, number, number];
  preStart: number;
  preEnd: number;
}

function isIdentChar(c: number): boolean {
  return isDigit(c) || isLetter(c) || c === 45;
}

/** Parses a lenient semver, or returns undefined when it is not one. */
export function parseSemver(s: string): SemverParts | undefined {
  let i = 0;
  if (s.charCodeAt(i) === 61 /* = */) i++;
  if (s.charCodeAt(i) === 118 || s.charCodeAt(i) === 86 /* v V */) i++;
  const nums: [number, number, number, number, number, number] = [i, i, i, i, i, i];
  for (let k = 0; k < 3; k++) {
    const end = digitRunEnd(s, i);
    if (end === i) return undefined;
    nums[2 * k] = i;
    nums[2 * k + 1] = end;
    i = end;
    if (k < 2 && s.charCodeAt(i) === 46 && isDigit(s.charCodeAt(i + 1))) i++;
    else break;
  }
  // "1.1.3.4.5": numeric parts past the third count as build metadata
  while (s.charCodeAt(i) === 46 && isDigit(s.charCodeAt(i + 1))) i = digitRunEnd(s, i + 1);
  let preStart = i;
  let preEnd = i;
  if (s.charCodeAt(i) === 45 /* - */) {
    preStart = i + 1;
    i = preStart;
    while (i < s.length && s.charCodeAt(i) !== 43 /* + */) i++;
    preEnd = i;
    if (!validIdentifiers(s, preStart, preEnd)) return undefined;
  }
  if (s.charCodeAt(i) === 43 && !validIdentifiers(s, i + 1, s.length)) return undefined;
  if (i < s.length && s.charCodeAt(i) !== 43) return undefined;
  return { text: s, nums, preStart, preEnd };
}

/** Dot-separated, non-empty identifiers of [0-9A-Za-z-]. */
function validIdentifiers(s: string, start: number, end: number): boolean {
  if (start >= end) return false;
  let empty = true;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (empty) return false;
      empty = true;
    } else if (isIdentChar(c)) empty = false;
    else return false;
  }
  return !empty;
}

function isNumericIdent(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

/** Pre-release precedence: none beats any; identifiers in turn, numbers < words, shorter list first. */
function comparePre(a: SemverParts, b: SemverParts): -1 | 0 | 1 {
  const aHas = a.preEnd > a.preStart;
  const bHas = b.preEnd > b.preStart;
  if (!aHas || !bHas) return aHas === bHas ? 0 : aHas ? -1 : 1;
  let i = a.preStart;
  let j = b.preStart;
  for (;;) {
    if (i >= a.preEnd || j >= b.preEnd) return i >= a.preEnd && j >= b.preEnd ? 0 : i >= a.preEnd ? -1 : 1;
    let ie = a.text.indexOf('.', i);
    if (ie < 0 || ie > a.preEnd) ie = a.preEnd;
    let je = b.text.indexOf('.', j);
    if (je < 0 || je > b.preEnd) je = b.preEnd;
    const an = isNumericIdent(a.text, i, ie);
    const bn = isNumericIdent(b.text, j, je);
    const r =
      an && bn
        ? compareDigitRuns(a.text, i, ie, b.text, j, je)
        : an !== bn
          ? an
            ? -1
            : 1
          : compareRange(a.text, i, ie, b.text, j, je);
    if (r !== 0) return r;
    i = ie + 1;
    j = je + 1;
  }
}

/** Compares two parsed versions by SemVer precedence (build metadata ignored). */
export function compareSemverParts(a: SemverParts, b: SemverParts): -1 | 0 | 1 {
  for (let k = 0; k < 6; k += 2) {
    const r = compareDigitRuns(a.text, a.nums[k]!, a.nums[k + 1]!, b.text, b.nums[k]!, b.nums[k + 1]!);
    if (r !== 0) return r;
  }
  return comparePre(a, b);
}
