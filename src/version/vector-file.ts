/**
 * Reads version-ordering test vector files (`a < b`, `a = b`, `a > b` per line; `#` and `//`
 * comment lines), the format of osv-scalibr's `semantic/testdata/*-versions*.txt`. Used by the
 * scheme tests and benchmarks; pure: takes the text, returns the cases.
 */

/** One line of a vector file: `a op b` with its line number for failure messages. */
export interface VersionVector {
  line: number;
  a: string;
  op: '<' | '=' | '>';
  b: string;
}

/** The expected compare result of a vector's operator. */
export function expectedOrder(op: VersionVector['op']): -1 | 0 | 1 {
  return op === '<' ? -1 : op === '=' ? 0 : 1;
}

/** Parses the text of a vector file; a line that is not `a op b` throws (the fixture is broken). */
export function parseVectorFile(text: string): VersionVector[] {
  const out: VersionVector[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const raw = (lines[n] ?? '').trim();
    if (raw === '' || raw.startsWith('#') || raw.startsWith('//')) continue;
    const parts = raw.split(/\s+/);
    const [a, op, b] = parts;
    if (
      parts.length !== 3 ||
      a === undefined ||
      b === undefined ||
      (op !== '<' && op !== '=' && op !== '>')
    ) {
      throw new Error(`vector line ${n + 1} is not "a op b": ${raw}`);
    }
    out.push({ line: n + 1, a, op, b });
  }
  return out;
}
