/**
 * One stanza of a Packages index read into the record resolution and download need: the fields
 * are found with indexOf over the index text (a bookworm main index is 50 MB of text), not by
 * splitting lines. Field names follow Debian's repository format:
 * https://wiki.debian.org/DebianRepository/Format#A.22Packages.22_Indices
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
export function readStanza(
  text: string,
  start: number,
  end: number,
  repository: string,
): PackageRecord | undefined {
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
