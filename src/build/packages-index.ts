/**
 * A repository's `Packages` index (Debian's repository format, "Binary package indices":
 * https://wiki.debian.org/DebianRepository/Format#A.22Packages.22_Indices) read into the records
 * the resolver needs. Written for speed: a bookworm main index is 50 MB of text with 63,000
 * stanzas, so fields are found with indexOf over the text, not line-splitting regexes.
 */

/** One binary package of an index: what resolution and download need to know of it. */
export interface PackageRecord {
  name: string;
  version: string;
  arch: string;
  depends?: string;
  preDepends?: string;
  provides?: string;
  conflicts?: string;
  breaks?: string;
  essential: boolean;
  priority?: string;
  multiArch?: string;
  source?: string;
  filename: string;
  size: number;
  sha256: string;
  /** the repository it came from (its base URL), set by the caller */
  repository: string;
}

const WANTED: Record<string, keyof PackageRecord | undefined> = {
  package: 'name',
  version: 'version',
  architecture: 'arch',
  depends: 'depends',
  'pre-depends': 'preDepends',
  provides: 'provides',
  conflicts: 'conflicts',
  breaks: 'breaks',
  essential: 'essential',
  priority: 'priority',
  'multi-arch': 'multiArch',
  source: 'source',
  filename: 'filename',
  size: 'size',
  sha256: 'sha256',
};

// the spellings archives use, found without lowercasing; other case forms fall back to WANTED
const CANONICAL: Record<string, keyof PackageRecord | undefined> = Object.fromEntries(
  Object.entries(WANTED).map(([k, v]) => [
    k.replace(/(^|-)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase()),
    v,
  ]),
);
CANONICAL.SHA256 = 'sha256';
// frequent fields of no interest, skipped without lowercasing
const SKIP: Record<string, true> = Object.fromEntries(
  [
    'Installed-Size',
    'Maintainer',
    'Description',
    'Homepage',
    'Description-md5',
    'Tag',
    'Section',
    'MD5sum',
    'Recommends',
    'Suggests',
    'Enhances',
    'Replaces',
  ].map((k) => [k, true]),
);

/** Reads one stanza (from `start` to `end` of `text`) into a record, or undefined if incomplete. */
function readStanza(text: string, start: number, end: number, repository: string): PackageRecord | undefined {
  const raw: Record<string, string> = {};
  let pos = start;
  while (pos < end) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1 || eol > end) eol = end;
    const first = text.charCodeAt(pos);
    if (first !== 32 && first !== 9) {
      const colon = text.indexOf(':', pos);
      // field names are at most 14 characters long here; skipping longer ones saves a slice
      if (colon > pos && colon < eol && colon - pos <= 14) {
        const name = text.slice(pos, colon);
        const key = CANONICAL[name] ?? (name in SKIP ? undefined : WANTED[name.toLowerCase()]);
        if (key) {
          // relationship fields may continue on following lines (folded fields)
          let valueEnd = eol;
          while (
            valueEnd < end &&
            (text.charCodeAt(valueEnd + 1) === 32 || text.charCodeAt(valueEnd + 1) === 9)
          ) {
            const next = text.indexOf('\n', valueEnd + 1);
            valueEnd = next === -1 || next > end ? end : next;
          }
          raw[key] = text
            .slice(colon + 1, valueEnd)
            .replace(/\n[ \t]/g, ' ')
            .trim();
          eol = valueEnd;
        }
      }
    }
    pos = eol + 1;
  }
  if (!raw.name || !raw.version || !raw.arch || !raw.filename || !raw.sha256) return undefined;
  return {
    name: raw.name,
    version: raw.version,
    arch: raw.arch,
    depends: raw.depends,
    preDepends: raw.preDepends,
    provides: raw.provides,
    conflicts: raw.conflicts,
    breaks: raw.breaks,
    essential: raw.essential === 'yes',
    priority: raw.priority,
    multiArch: raw.multiArch,
    source: raw.source,
    filename: raw.filename,
    size: Number(raw.size ?? 0),
    sha256: raw.sha256.toLowerCase(),
    repository,
  };
}

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
