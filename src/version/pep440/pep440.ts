/**
 * Python versions: PEP 440 (https://peps.python.org/pep-0440/) through @renovatebot/pep440, and
 * legacy versions (see legacy.ts) for what PEP 440 refuses, ordered before every PEP 440 version.
 */
import { compare as comparePep440, valid } from '@renovatebot/pep440';
import { cachedParser } from '../parse-cache.js';
import { InvalidVersionError, type VersionScheme } from '../types.js';
import { compareLegacyKeys, legacyKey } from './legacy.js';

const WHITESPACE = /\s/;

/** A legacy key for a non-PEP 440 version, or null for a PEP 440 one. */
const classify = cachedParser((v: string): string[] | null => (valid(v) ? null : legacyKey(v)));

function isValidPython(v: string): boolean {
  return v.length > 0 && !WHITESPACE.test(v);
}

function comparePython(a: string, b: string): -1 | 0 | 1 {
  if (!isValidPython(a)) throw new InvalidVersionError('pep440', a);
  if (!isValidPython(b)) throw new InvalidVersionError('pep440', b);
  const la = classify(a);
  const lb = classify(b);
  if (la && lb) return compareLegacyKeys(la, lb);
  if (la || lb) return la ? -1 : 1;
  const r = comparePep440(a, b);
  return r < 0 ? -1 : r > 0 ? 1 : 0;
}

/** The pep440 scheme: PyPI. */
export const pep440Scheme: VersionScheme = {
  name: 'pep440',
  compare: comparePython,
  isValid: isValidPython,
};
