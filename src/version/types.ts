/** One version scheme (dpkg, apk, rpm, semver, pep440, maven, go, rubygems, generic): compare and validate. */
export interface VersionScheme {
  name: string;
  /** -1 when a < b, 0 when equal, 1 when a > b; throws InvalidVersionError on an invalid version */
  compare(a: string, b: string): -1 | 0 | 1;
  isValid(version: string): boolean;
}

export class InvalidVersionError extends Error {
  constructor(
    readonly scheme: string,
    readonly version: string,
  ) {
    super(`"${version}" is not a valid ${scheme} version`);
    this.name = 'InvalidVersionError';
  }
}
