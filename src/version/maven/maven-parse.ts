/**
 * Parses Maven versions into the item tree of Maven's version order specification
 * (https://maven.apache.org/pom.html#version-order-specification): tokens split at `.` and `-`
 * and at every digit/letter transition (which counts as `-`); each `-` opens a nested list;
 * empty tokens are 0; null items (0, "", "ga", "final", "release", an empty list) are trimmed
 * from the end of every list, across trailing sublists.
 */

/** One item of a Maven version: a number, a qualifier, or a nested list (after a `-`). */
export type MavenItem =
  { kind: 'int'; digits: string } | { kind: 'str'; key: string } | { kind: 'list'; items: MavenItem[] };

const KNOWN = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
/** The sort key of the release qualifier "", against which a missing qualifier compares. */
export const RELEASE_KEY = String(KNOWN.indexOf(''));

function stringItem(token: string, followedByDigit: boolean): MavenItem {
  let q = token;
  // "a1", "b2", "m3" stand for alpha-1, beta-2, milestone-3
  if (followedByDigit && q.length === 1)
    q = q === 'a' ? 'alpha' : q === 'b' ? 'beta' : q === 'm' ? 'milestone' : q;
  q = ALIASES[q] ?? q;
  const index = KNOWN.indexOf(q);
  // unknown qualifiers sort after all known ones, among themselves lexically
  return { kind: 'str', key: index >= 0 ? String(index) : `${KNOWN.length}-${q}` };
}

function intItem(token: string): MavenItem {
  return { kind: 'int', digits: token.replace(/^0+/, '') };
}

/** Whether an item is "null": equal to nothing at all, so it can be trimmed. */
export function isNullItem(item: MavenItem): boolean {
  if (item.kind === 'int') return item.digits === '';
  if (item.kind === 'str') return item.key === RELEASE_KEY;
  return item.items.length === 0;
}

function normalize(items: MavenItem[], nested: boolean): void {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (isNullItem(item)) items.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
  // "1-ga-1": once "ga" is trimmed, the sublist holds only a sublist; it means the same as "1-1".
  // Not at the top: "0.0.0-2021" must stay below "20" (a list ranks below a number).
  const only = items[0];
  if (nested && items.length === 1 && only?.kind === 'list') items.splice(0, 1, ...only.items);
}

/** Parses a Maven version string into its item list (never fails: Maven accepts any string). */
export function parseMaven(version: string): MavenItem[] {
  const v = version.toLowerCase();
  const root: MavenItem[] = [];
  const lists: MavenItem[][] = [root];
  let list = root;
  let start = 0;
  let digit = false;
  const openList = (): void => {
    const sub: MavenItem[] = [];
    list.push({ kind: 'list', items: sub });
    lists.push(sub);
    list = sub;
  };
  const token = (end: number, followedByDigit: boolean): MavenItem =>
    digit ? intItem(v.slice(start, end)) : stringItem(v.slice(start, end), followedByDigit);
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 46 /* . */ || c === 45 /* - */) {
      list.push(i === start ? intItem('0') : token(i, false));
      start = i + 1;
      if (c === 45) openList();
      digit = false;
      continue;
    }
    const isDigitChar = c >= 48 && c <= 57;
    if (i > start && isDigitChar !== digit) {
      // a letter/digit transition acts as a hyphen
      list.push(token(i, isDigitChar));
      start = i;
      openList();
    }
    digit = isDigitChar;
  }
  if (v.length > start) list.push(token(v.length, false));
  for (let k = lists.length - 1; k >= 0; k--) normalize(lists[k]!, k > 0);
  return root;
}
