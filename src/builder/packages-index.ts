/**
 * A repository's `Packages` index (Debian's repository format, "Binary package indices":
 * https://wiki.debian.org/DebianRepository/Format#A.22Packages.22_Indices) read into the records
 * the resolver needs. Written for speed: a bookworm main index is 50 MB of text with 63,000
 * stanzas, so fields are found with indexOf over the text, not line-splitting regexes.
 */

import { readStanza, type PackageRecord } from './package-record.js';

export type { PackageRecord } from './package-record.js';

/**
 * A Packages index kept as its text, with the stanzas found by package name and by provided name:
 * two native `indexOf` passes instead of a JS walk over every line, and a stanza is only read
 * when resolution asks for that name (a closure reads a few hundred of 63,000).
 */
export interface PackagesIndex {
  repository: string;
  /** the complete records of a package name (any architecture) */
  named(name: string): PackageRecord[];
  /** the complete records that list `name` in their Provides */
  providing(name: string): PackageRecord[];
  /** every name the index holds */
  names(): IterableIterator<string>;
}

function push(map: Map<string, number[]>, key: string, value: number) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Indexes the text of a Packages file from `repository`. */
export function indexPackages(text: string, repository: string): PackagesIndex {
  const starts: number[] = [];
  const byName = new Map<string, number[]>();
  const byProvided = new Map<string, number[]>();
  const nextStanza = (from: number) => {
    const i = text.indexOf('\nPackage:', from);
    return i === -1 ? -1 : i + 1;
  };
  for (let pos = text.startsWith('Package:') ? 0 : nextStanza(0); pos !== -1;) {
    const eol = text.indexOf('\n', pos);
    starts.push(pos);
    push(byName, text.slice(pos + 8, eol === -1 ? text.length : eol).trim(), pos);
    pos = eol === -1 ? -1 : nextStanza(eol);
  }
  for (let pos = text.indexOf('\nProvides:'); pos !== -1; pos = text.indexOf('\nProvides:', pos + 1)) {
    let eol = text.indexOf('\n', pos + 1);
    while (eol !== -1 && (text.charCodeAt(eol + 1) === 32 || text.charCodeAt(eol + 1) === 9))
      eol = text.indexOf('\n', eol + 1);
    const value = text.slice(pos + 11, eol === -1 ? text.length : eol);
    const stanza = starts[lastAtOrBefore(starts, pos)]!;
    for (const item of value.split(',')) {
      const name = /^\s*([a-z0-9][a-z0-9+.-]*)/i.exec(item)?.[1];
      if (name) push(byProvided, name.toLowerCase(), stanza);
    }
  }
  const cache = new Map<number, PackageRecord | undefined>();
  const read = (start: number) => {
    if (!cache.has(start)) {
      const end = text.indexOf('\n\n', start);
      cache.set(start, readStanza(text, start, end === -1 ? text.length : end, repository));
    }
    return cache.get(start);
  };
  const records = (starts?: number[]) =>
    (starts ?? []).map(read).filter((r): r is PackageRecord => r !== undefined);
  return {
    repository,
    named: (name) => records(byName.get(name)),
    providing: (name) => records(byProvided.get(name)),
    names: () => byName.keys(),
  };
}

/** The index of the last element of a sorted array that is <= value. */
function lastAtOrBefore(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Every complete stanza of a Packages index; incomplete ones (no file or hash) are skipped. */
export function parsePackagesIndex(text: string, repository: string): PackageRecord[] {
  const index = indexPackages(text, repository);
  return [...index.names()].flatMap((name) => index.named(name));
}
