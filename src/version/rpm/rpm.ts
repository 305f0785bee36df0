/**
 * RPM versions, `[epoch:]version[-release]`, compared as rpm compares EVRs: epochs as numbers
 * (absent or empty = 0), then version, then release with rpmvercmp; a missing release sorts
 * before any release, even an empty one (matches `rpm.vercmp` of rpm 4.18).
 */
import { compareDigitRuns, isDigit } from '../digits.js';
import { InvalidVersionError, type VersionScheme } from '../types.js';
import { rpmVercmp } from './rpmvercmp.js';

const WHITESPACE = /\s/;

/** rpm takes nearly anything; we refuse only the empty string and whitespace, which no EVR has. */
function isValidRpm(v: string): boolean {
  return v.length > 0 && !WHITESPACE.test(v);
}

/** The end of the epoch: the index of ':' when the version starts with digits then ':', else -1. */
function epochEnd(v: string): number {
  let i = 0;
  while (i < v.length && isDigit(v.charCodeAt(i))) i++;
  return i < v.length && v.charCodeAt(i) === 58 ? i : -1;
}

function compareRpm(a: string, b: string): -1 | 0 | 1 {
  if (!isValidRpm(a)) throw new InvalidVersionError('rpm', a);
  if (!isValidRpm(b)) throw new InvalidVersionError('rpm', b);
  const ae = epochEnd(a);
  const be = epochEnd(b);
  const epoch = compareDigitRuns(a, 0, Math.max(ae, 0), b, 0, Math.max(be, 0));
  if (epoch !== 0) return epoch;
  const aHyphen = a.lastIndexOf('-');
  const bHyphen = b.lastIndexOf('-');
  const aRel = aHyphen > ae ? aHyphen : -1;
  const bRel = bHyphen > be ? bHyphen : -1;
  const version = rpmVercmp(a, ae + 1, aRel < 0 ? a.length : aRel, b, be + 1, bRel < 0 ? b.length : bRel);
  if (version !== 0) return version;
  if (aRel < 0 || bRel < 0) return aRel === bRel ? 0 : aRel < 0 ? -1 : 1;
  return rpmVercmp(a, aRel + 1, a.length, b, bRel + 1, b.length);
}

/** The rpm scheme: Red Hat, Fedora, AlmaLinux, Rocky, SUSE, Amazon Linux, Mariner … */
export const rpmScheme: VersionScheme = {
  name: 'rpm',
  compare: compareRpm,
  isValid: isValidRpm,
};
