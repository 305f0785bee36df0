/**
 * Alpine (apk) versions. Ordering: dotted numbers (the first by value, later ones with a leading
 * zero as decimal fractions), then the letter (none < a … z), then suffixes (_alpha < _beta < _pre
 * < _rc < none < _cvs < _svn < _git < _hg < _p, then their numbers), then the `-r` revision
 * (absent = r0), then a version without unparseable rest beats one with it. A version whose
 * leading number is malformed (".1", "1..2") is ordered as a plain string, as apk does.
 */
import { compareDigitRuns, compareRange, sign } from '../digits.js';
import { InvalidVersionError, type VersionScheme } from '../types.js';
import { parseApk, type ApkVersion } from './apk-parse.js';

const WHITESPACE = /\s/;

function isValidApk(v: string): boolean {
  return v.length > 0 && !WHITESPACE.test(v);
}

function compareNumbers(a: ApkVersion, b: ApkVersion): -1 | 0 | 1 {
  const n = Math.max(a.numbers.length, b.numbers.length);
  for (let k = 0; k < n; k += 2) {
    // a missing component ranks below any present one: 1.2 < 1.2.0
    if (k >= a.numbers.length) return -1;
    if (k >= b.numbers.length) return 1;
    const as = a.numbers[k]!;
    const ae = a.numbers[k + 1]!;
    const bs = b.numbers[k]!;
    const be = b.numbers[k + 1]!;
    const fraction = k > 0 && (a.text.charCodeAt(as) === 48 || b.text.charCodeAt(bs) === 48);
    const r = fraction
      ? compareRange(a.text, as, ae, b.text, bs, be)
      : compareDigitRuns(a.text, as, ae, b.text, bs, be);
    if (r !== 0) return r;
  }
  return 0;
}

function compareSuffixes(a: ApkVersion, b: ApkVersion): -1 | 0 | 1 {
  const n = Math.max(a.suffixes.length, b.suffixes.length);
  for (let k = 0; k < n; k++) {
    const sa = a.suffixes[k];
    const sb = b.suffixes[k];
    const ra = sa ? sa.rank : 0;
    const rb = sb ? sb.rank : 0;
    if (ra !== rb) return ra < rb ? -1 : 1;
    const r = compareDigitRuns(
      a.text,
      sa?.numStart ?? 0,
      sa?.numEnd ?? 0,
      b.text,
      sb?.numStart ?? 0,
      sb?.numEnd ?? 0,
    );
    if (r !== 0) return r;
  }
  return 0;
}

function compareLetterNumber(a: ApkVersion, b: ApkVersion): -1 | 0 | 1 {
  return compareDigitRuns(a.text, a.letterNumStart, a.letterNumEnd, b.text, b.letterNumStart, b.letterNumEnd);
}

function compareParsed(a: ApkVersion, b: ApkVersion): -1 | 0 | 1 {
  return (
    compareNumbers(a, b) ||
    sign(a.letter - b.letter) ||
    compareLetterNumber(a, b) ||
    compareSuffixes(a, b) ||
    compareDigitRuns(
      a.text,
      Math.max(a.revStart, 0),
      Math.max(a.revEnd, 0),
      b.text,
      Math.max(b.revStart, 0),
      Math.max(b.revEnd, 0),
    ) ||
    (a.remainder === b.remainder ? 0 : a.remainder ? -1 : 1)
  );
}

function compareApk(a: string, b: string): -1 | 0 | 1 {
  if (!isValidApk(a)) throw new InvalidVersionError('apk', a);
  if (!isValidApk(b)) throw new InvalidVersionError('apk', b);
  const pa = parseApk(a);
  const pb = parseApk(b);
  if (!pa || !pb) return compareRange(a, 0, a.length, b, 0, b.length);
  return compareParsed(pa, pb);
}

/** The apk scheme: Alpine, Wolfi, Chainguard. */
export const apkScheme: VersionScheme = {
  name: 'apk',
  compare: compareApk,
  isValid: isValidApk,
};
