/**
 * Maven versions, ordered as Maven's ComparableVersion documents it: numbers by value; qualifiers
 * alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp < unknown
 * (lexical); a number beats a qualifier and a nested list; a list beats a qualifier; missing
 * items compare as null (0 or the release qualifier).
 */
import { compareNumeric, sign } from '../digits.js';
import { cachedParser } from '../parse-cache.js';
import { InvalidVersionError, type VersionScheme } from '../types.js';
import { RELEASE_KEY, parseMaven, type MavenItem } from './maven-parse.js';

const parse = cachedParser(parseMaven);
const WHITESPACE = /\s/;

/** Compares an item with a missing one (null). */
function compareWithNull(item: MavenItem): -1 | 0 | 1 {
  if (item.kind === 'int') return item.digits === '' ? 0 : 1;
  if (item.kind === 'str') return sign(item.key < RELEASE_KEY ? -1 : item.key > RELEASE_KEY ? 1 : 0);
  return item.items.length === 0 ? 0 : compareWithNull(item.items[0]!);
}

function compareItems(a: MavenItem | undefined, b: MavenItem | undefined): -1 | 0 | 1 {
  if (!a) return b ? (-compareWithNull(b) as -1 | 0 | 1) : 0;
  if (!b) return compareWithNull(a);
  if (a.kind === 'int') return b.kind === 'int' ? compareNumeric(a.digits, b.digits) : 1;
  if (a.kind === 'str') return b.kind === 'str' ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : -1;
  if (b.kind === 'int') return -1;
  if (b.kind === 'str') return 1;
  return compareLists(a.items, b.items);
}

function compareLists(a: MavenItem[], b: MavenItem[]): -1 | 0 | 1 {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const r = compareItems(a[i], b[i]);
    if (r !== 0) return r;
  }
  return 0;
}

function isValidMaven(v: string): boolean {
  return v.length > 0 && !WHITESPACE.test(v);
}

function compareMaven(a: string, b: string): -1 | 0 | 1 {
  if (!isValidMaven(a)) throw new InvalidVersionError('maven', a);
  if (!isValidMaven(b)) throw new InvalidVersionError('maven', b);
  return compareLists(parse(a), parse(b));
}

/** The maven scheme: Maven Central artifacts (and Gradle, which reads the same versions). */
export const mavenScheme: VersionScheme = {
  name: 'maven',
  compare: compareMaven,
  isValid: isValidMaven,
};
