/**
 * Splits an Alpine package version into its parts, as the apk version format describes it
 * (https://wiki.alpinelinux.org/wiki/APKBUILD_Reference#pkgver and apk-tools' version tests):
 *   number{.number}[letter]{_suffix[number]}[~hash][-r<revision>]
 * Whatever does not fit is kept as a remainder: apk still orders such versions, so we do too.
 */
import { isDigit } from '../digits.js';

/** Suffix ranks: pre-releases below 0 (no suffix), post-releases above. */
export const SUFFIX_RANK: ReadonlyMap<string, number> = new Map([
  ['alpha', -4],
  ['beta', -3],
  ['pre', -2],
  ['rc', -1],
  ['cvs', 1],
  ['svn', 2],
  ['git', 3],
  ['hg', 4],
  ['p', 5],
]);

/** One `_suffix[number]`, as its rank and the index range of its number. */
export interface ApkSuffix {
  rank: number;
  numStart: number;
  numEnd: number;
}

/** A parsed apk version: index ranges into `text` so nothing is copied. */
export interface ApkVersion {
  text: string;
  /** [start, end) of each dotted number */
  numbers: number[];
  /** char code of the letter, or 0 */
  letter: number;
  /** [start, end) of the digits right after the letter ("5.7.3p2", OpenSSH style), empty without */
  letterNumStart: number;
  letterNumEnd: number;
  suffixes: ApkSuffix[];
  /** [start, end) of the revision digits, or [-1, -1] without `-r` */
  revStart: number;
  revEnd: number;
  /** whether text is left that fits no part */
  remainder: boolean;
}

function digitsEnd(s: string, i: number): number {
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/** Parses the structured form, or returns undefined when the leading dotted number is malformed. */
export function parseApk(s: string): ApkVersion | undefined {
  const numbers: number[] = [];
  let i = 0;
  for (;;) {
    const end = digitsEnd(s, i);
    if (end === i) return undefined; // empty number: "", ".1", "1..2", "1.r"
    numbers.push(i, end);
    i = end;
    if (s.charCodeAt(i) !== 46 /* . */) break;
    i++;
  }
  let letter = 0;
  let letterNumStart = i;
  let letterNumEnd = i;
  const c = s.charCodeAt(i);
  if (c >= 97 && c <= 122) {
    letter = c;
    letterNumStart = i + 1;
    letterNumEnd = digitsEnd(s, i + 1);
    i = letterNumEnd;
  }
  const suffixes: ApkSuffix[] = [];
  while (s.charCodeAt(i) === 95 /* _ */) {
    let j = i + 1;
    while (j < s.length && s.charCodeAt(j) >= 97 && s.charCodeAt(j) <= 122) j++;
    const rank = SUFFIX_RANK.get(s.slice(i + 1, j));
    if (rank === undefined) break;
    const numEnd = digitsEnd(s, j);
    suffixes.push({ rank, numStart: j, numEnd });
    i = numEnd;
  }
  if (s.charCodeAt(i) === 126 /* ~ */) {
    // a commit hash: it carries no order, so it is skipped
    let j = i + 1;
    while (j < s.length && /[0-9a-f]/.test(s.charAt(j))) j++;
    if (j > i + 1) i = j;
  }
  let revStart = -1;
  let revEnd = -1;
  if (s.charCodeAt(i) === 45 /* - */ && s.charCodeAt(i + 1) === 114 /* r */) {
    const end = digitsEnd(s, i + 2);
    // "-r" must end the version or be followed by digits; "-ruff" is no revision
    if (end > i + 2 || i + 2 === s.length) {
      revStart = i + 2;
      revEnd = end;
      i = end;
    }
  }
  return {
    text: s,
    numbers,
    letter,
    letterNumStart,
    letterNumEnd,
    suffixes,
    revStart,
    revEnd,
    remainder: i < s.length,
  };
}
