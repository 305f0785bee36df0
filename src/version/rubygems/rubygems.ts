/**
 * RubyGems versions (Gem::Version, as documented by RubyGems): dot-separated numbers, any part
 * with letters marks a pre-release (`1.0.0.rc1` < `1.0.0`), a hyphen means `.pre.`
 * (`1.0-beta` is `1.0.pre.beta`). Versions are compared on their canonical segments: runs of digits
 * as numbers, runs of letters as strings, trailing zeros of the release and of the pre-release
 * dropped (`1.0.0` = `1`); a missing segment counts as 0, and a string sorts before any number.
 * Like OSV's own comparator it is lenient where RubyGems is strict (`1beta` reads as `1.beta`),
 * since advisories carry versions as their authors wrote them; numbers have no size limit.
 */
import { InvalidVersionError, type VersionScheme } from '../types.js';
import { cachedParser } from '../parse-cache.js';

const VALID = /^\s*[0-9][0-9A-Za-z.-]*\s*$/;

/** A run of digits (kept as text without leading zeros, so any size compares) or of letters. */
type Segment = { number: string } | string;
const ZERO = '0';

function segments(version: string): Segment[] {
  if (!VALID.test(version)) throw new InvalidVersionError('rubygems', version);
  const text = version.trim().replace(/-/g, '.pre.');
  const parts = (text.match(/[0-9]+|[a-z]+/gi) ?? []).map((s): Segment =>
    /^\d/.test(s) ? { number: s.replace(/^0+(?=\d)/, '') } : s,
  );
  // the release numbers and the pre-release part each lose their trailing zeros
  const firstString = parts.findIndex((s) => typeof s === 'string');
  const release = firstString < 0 ? parts : parts.slice(0, firstString);
  const pre = firstString < 0 ? [] : parts.slice(firstString);
  return [...dropTrailingZeros(release), ...dropTrailingZeros(pre)];
}

function dropTrailingZeros(list: Segment[]): Segment[] {
  let end = list.length;
  while (end > 0 && isZero(list[end - 1]!)) end--;
  return list.slice(0, end);
}

function isZero(s: Segment): boolean {
  return typeof s !== 'string' && s.number === ZERO;
}

function compareNumbers(a: string, b: string): -1 | 0 | 1 {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

const parsed = cachedParser(segments);

function compare(a: string, b: string): -1 | 0 | 1 {
  const x = parsed(a);
  const y = parsed(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const l = x[i] ?? { number: ZERO };
    const r = y[i] ?? { number: ZERO };
    if (typeof l === 'string' && typeof r === 'string') {
      if (l !== r) return l < r ? -1 : 1;
    } else if (typeof l === 'string') return -1;
    else if (typeof r === 'string') return 1;
    else {
      const order = compareNumbers(l.number, r.number);
      if (order !== 0) return order;
    }
  }
  return 0;
}

/** The RubyGems scheme: gems and the RubyGems OSV ecosystem. */
export const rubygemsScheme: VersionScheme = {
  name: 'rubygems',
  compare,
  isValid: (version) => VALID.test(version),
};
