/**
 * The fallback for ecosystems without a scheme of their own (NuGet, Packagist …):
 * runs of digits compare by value, runs of letters by code unit, a number beats a word, a longer
 * version beats its own prefix; anything else only separates. Versions equal that way are then
 * ordered as plain strings, so the order stays total ("1.0" and "1-0" are not the same version).
 */
import { compareDigitRuns, compareRange, digitRunEnd, isDigit, isLetter } from '../digits.js';
import { InvalidVersionError, type VersionScheme } from '../types.js';

const WHITESPACE = /\s/;

function isValidGeneric(v: string): boolean {
  return v.length > 0 && !WHITESPACE.test(v);
}

function skipSeparators(s: string, i: number): number {
  while (i < s.length && !isDigit(s.charCodeAt(i)) && !isLetter(s.charCodeAt(i))) i++;
  return i;
}

function letterRunEnd(s: string, i: number): number {
  while (i < s.length && isLetter(s.charCodeAt(i))) i++;
  return i;
}

function compareGeneric(a: string, b: string): -1 | 0 | 1 {
  if (!isValidGeneric(a)) throw new InvalidVersionError('generic', a);
  if (!isValidGeneric(b)) throw new InvalidVersionError('generic', b);
  let i = skipSeparators(a, 0);
  let j = skipSeparators(b, 0);
  while (i < a.length && j < b.length) {
    const an = isDigit(a.charCodeAt(i));
    const bn = isDigit(b.charCodeAt(j));
    if (an !== bn) return an ? 1 : -1;
    const ie = an ? digitRunEnd(a, i) : letterRunEnd(a, i);
    const je = bn ? digitRunEnd(b, j) : letterRunEnd(b, j);
    const r = an ? compareDigitRuns(a, i, ie, b, j, je) : compareRange(a, i, ie, b, j, je);
    if (r !== 0) return r;
    i = skipSeparators(a, ie);
    j = skipSeparators(b, je);
  }
  if (i < a.length || j < b.length) return i < a.length ? 1 : -1;
  return compareRange(a, 0, a.length, b, 0, b.length);
}

/** The generic scheme: dotted numbers, then words, then the plain string. */
export const genericScheme: VersionScheme = {
  name: 'generic',
  compare: compareGeneric,
  isValid: isValidGeneric,
};
