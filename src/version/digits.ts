/**
 * Character and number helpers shared by the hand-written schemes. They work on char codes of the
 * original string so that a comparison allocates nothing: the matcher calls compare millions of
 * times.
 */

const ZERO = 48;
const NINE = 57;

/** Whether the char code is an ASCII digit. */
export function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/** Whether the char code is an ASCII letter. */
export function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The index just past the run of digits that starts at `from`. */
export function digitRunEnd(s: string, from: number, end = s.length): number {
  let i = from;
  while (i < end && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/**
 * Compares two runs of decimal digits by value without parsing them, so that numbers longer than
 * 2^53 (dates, hashes read as numbers) still compare right: leading zeros are skipped, then the
 * longer run is larger, then the first differing digit decides. An empty run counts as zero.
 */
export function compareDigitRuns(
  a: string,
  aStart: number,
  aEnd: number,
  b: string,
  bStart: number,
  bEnd: number,
): -1 | 0 | 1 {
  let i = aStart;
  let j = bStart;
  while (i < aEnd && a.charCodeAt(i) === ZERO) i++;
  while (j < bEnd && b.charCodeAt(j) === ZERO) j++;
  const la = aEnd - i;
  const lb = bEnd - j;
  if (la !== lb) return la < lb ? -1 : 1;
  for (; i < aEnd; i++, j++) {
    const d = a.charCodeAt(i) - b.charCodeAt(j);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** Compares two whole digit strings by value (see compareDigitRuns). */
export function compareNumeric(a: string, b: string): -1 | 0 | 1 {
  return compareDigitRuns(a, 0, a.length, b, 0, b.length);
}

/** Plain code-unit comparison of two substrings, as C's strcmp over ASCII. */
export function compareRange(
  a: string,
  aStart: number,
  aEnd: number,
  b: string,
  bStart: number,
  bEnd: number,
): -1 | 0 | 1 {
  const la = aEnd - aStart;
  const lb = bEnd - bStart;
  const n = la < lb ? la : lb;
  for (let k = 0; k < n; k++) {
    const d = a.charCodeAt(aStart + k) - b.charCodeAt(bStart + k);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return la === lb ? 0 : la < lb ? -1 : 1;
}

/** The sign of a number as the -1 | 0 | 1 that VersionScheme.compare returns. */
export function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}
