/**
 * SemVer 2.0.0 versions as npm and crates.io write them, read leniently (see semver-core.ts).
 * Hand-written rather than the `semver` package because advisory data holds versions that
 * package refuses (numbers past 2^53, "1.0"), yet must order; the package is the test oracle.
 */
import { InvalidVersionError, type VersionScheme } from '../types.js';
import { compareSemverParts, parseSemver } from './semver-core.js';

/** Builds a semver-precedence scheme under a name (semver and go share the core). */
export function semverLike(name: string): VersionScheme {
  return {
    name,
    compare(a, b) {
      const pa = parseSemver(a);
      if (!pa) throw new InvalidVersionError(name, a);
      const pb = parseSemver(b);
      if (!pb) throw new InvalidVersionError(name, b);
      return compareSemverParts(pa, pb);
    },
    isValid: (v) => parseSemver(v) !== undefined,
  };
}

/** The semver scheme: npm, crates.io, and OSV's SEMVER range type. */
export const semverScheme: VersionScheme = semverLike('semver');
