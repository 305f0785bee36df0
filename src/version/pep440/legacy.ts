/**
 * Python's pre-PEP 440 "legacy" versions ("0.1-bulbasaur", "2004d"): pip's `packaging` library
 * ordered them before every PEP 440 version, by a key of zero-padded number runs and `*`-marked
 * words (its LegacyVersion, removed in packaging 22). PyPI still holds such releases, and
 * advisories name them, so we keep that order. Written from the documented behaviour.
 */

const PART = /(\d+|[a-z]+|\.|-)/;
const REPLACE: Record<string, string> = { pre: 'c', preview: 'c', '-': 'final-', rc: 'c', dev: '@' };

/** The sort key of a legacy version: compare two keys element by element. */
export function legacyKey(version: string): string[] {
  const parts: string[] = [];
  for (const raw of version.toLowerCase().split(PART)) {
    if (raw === '' || raw === '.') continue;
    const part = REPLACE[raw] ?? raw;
    const key = /^\d/.test(part) ? part.padStart(8, '0') : `*${part}`;
    if (key.startsWith('*')) {
      // a pre-release word drops the "final-" markers and zero runs before it
      if (key < '*final') while (parts.at(-1) === '*final-') parts.pop();
      while (parts.at(-1) === '00000000') parts.pop();
    }
    parts.push(key);
  }
  parts.push('*final');
  return parts;
}

/** Compares two legacy keys as Python compares tuples of strings. */
export function compareLegacyKeys(a: string[], b: string[]): -1 | 0 | 1 {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
