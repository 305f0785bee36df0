/**
 * Python versions: PEP 440 (https://peps.python.org/pep-0440/) through @renovatebot/pep440, and
 * legacy versions (see legacy.ts) for what PEP 440 refuses, ordered before every PEP 440 version.
 */
import { cachedParser } from '../parse-cache.js';
import { InvalidVersionError, type VersionScheme } from '../types.js';
import { compareLegacyKeys, legacyKey } from './legacy.js';
import { comparePep440Keys, pep440Key, type Pep440Key } from './pep440-key.js';

const WHITESPACE = /\s/;

/** The PEP 440 key of a version, or the legacy key of one PEP 440 refuses. */
const classify = cachedParser((v: string): { pep: Pep440Key } | { legacy: string[] } => {
  const pep = pep440Key(v);
  return pep ? { pep } : { legacy: legacyKey(v) };
});

function isValidPython(v: string): boolean {
  return v.length > 0 && !WHITESPACE.test(v);
}

function comparePython(a: string, b: string): -1 | 0 | 1 {
  if (!isValidPython(a)) throw new InvalidVersionError('pep440', a);
  if (!isValidPython(b)) throw new InvalidVersionError('pep440', b);
  const ka = classify(a);
  const kb = classify(b);
  if ('pep' in ka && 'pep' in kb) return comparePep440Keys(ka.pep, kb.pep);
  if ('legacy' in ka && 'legacy' in kb) return compareLegacyKeys(ka.legacy, kb.legacy);
  return 'legacy' in ka ? -1 : 1;
}

/** The pep440 scheme: PyPI. */
export const pep440Scheme: VersionScheme = {
  name: 'pep440',
  compare: comparePython,
  isValid: isValidPython,
};
