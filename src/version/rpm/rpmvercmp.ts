/**
 * rpm's segment comparison (the behaviour of rpmvercmp, documented in rpm's manual "Dependencies:
 * versioning" and in the Fedora packaging guidelines on `~` and `^`): the string is cut into runs
 * of digits and runs of ASCII letters, anything else only separates them; digits beat letters;
 * `~` sorts before everything, even the end; `^` sorts after the end but before anything else.
 */
import { compareDigitRuns, compareRange, isDigit, isLetter } from '../digits.js';

const TILDE = 126;
const CARET = 94;

function isAlnum(c: number): boolean {
  return isDigit(c) || isLetter(c);
}

/** Compares two version (or release) strings segment by segment, as rpm does. */
export function rpmVercmp(
  a: string,
  aStart: number,
  aEnd: number,
  b: string,
  bStart: number,
  bEnd: number,
): -1 | 0 | 1 {
  if (compareRange(a, aStart, aEnd, b, bStart, bEnd) === 0) return 0;
  let i = aStart;
  let j = bStart;
  while (i < aEnd || j < bEnd) {
    while (i < aEnd && !isAlnum(a.charCodeAt(i)) && a.charCodeAt(i) !== TILDE && a.charCodeAt(i) !== CARET)
      i++;
    while (j < bEnd && !isAlnum(b.charCodeAt(j)) && b.charCodeAt(j) !== TILDE && b.charCodeAt(j) !== CARET)
      j++;
    const ca = i < aEnd ? a.charCodeAt(i) : -1;
    const cb = j < bEnd ? b.charCodeAt(j) : -1;
    if (ca === TILDE || cb === TILDE) {
      if (ca !== TILDE) return 1;
      if (cb !== TILDE) return -1;
      i++;
      j++;
      continue;
    }
    if (ca === CARET || cb === CARET) {
      if (ca === -1) return -1;
      if (cb === -1) return 1;
      if (ca !== CARET) return 1;
      if (cb !== CARET) return -1;
      i++;
      j++;
      continue;
    }
    if (ca === -1 || cb === -1) break;
    const numeric = isDigit(ca);
    const test = numeric ? isDigit : isLetter;
    let ie = i;
    let je = j;
    while (ie < aEnd && test(a.charCodeAt(ie))) ie++;
    while (je < bEnd && test(b.charCodeAt(je))) je++;
    // segments of different kinds: a number is newer than letters
    if (je === j) return numeric ? 1 : -1;
    const n = numeric ? compareDigitRuns(a, i, ie, b, j, je) : compareRange(a, i, ie, b, j, je);
    if (n !== 0) return n;
    i = ie;
    j = je;
  }
  if (i >= aEnd && j >= bEnd) return 0;
  return i >= aEnd ? -1 : 1;
}
