/**
 * The one registry of version schemes (DESIGN.md convention 1): adding a scheme is one folder and
 * one line here. Aliases are the names ecosystems and package types use for the same scheme.
 */
import { InputError } from '../errors.js';
import { apkScheme } from './apk/apk.js';
import { dpkgScheme } from './dpkg/dpkg.js';
import { genericScheme } from './generic/generic.js';
import { goScheme } from './go/go.js';
import { mavenScheme } from './maven/maven.js';
import { pep440Scheme } from './pep440/pep440.js';
import { rpmScheme } from './rpm/rpm.js';
import { rubygemsScheme } from './rubygems/rubygems.js';
import { semverScheme } from './semver/semver.js';
import type { VersionScheme } from './types.js';

/** Every scheme by its name. */
export const versionSchemes: ReadonlyMap<string, VersionScheme> = new Map(
  [
    dpkgScheme,
    apkScheme,
    rpmScheme,
    semverScheme,
    pep440Scheme,
    mavenScheme,
    goScheme,
    rubygemsScheme,
    genericScheme,
  ].map((s) => [s.name, s] as const),
);

/** Other names for the schemes, lower case: package types, ecosystems, distributions. */
export const schemeAliases: ReadonlyMap<string, string> = new Map([
  ['deb', 'dpkg'],
  ['debian', 'dpkg'],
  ['ubuntu', 'dpkg'],
  ['alpine', 'apk'],
  ['wolfi', 'apk'],
  ['chainguard', 'apk'],
  ['redhat', 'rpm'],
  ['npm', 'semver'],
  ['crates.io', 'semver'],
  ['cargo', 'semver'],
  ['pypi', 'pep440'],
  ['python', 'pep440'],
  ['golang', 'go'],
  ['gem', 'rubygems'],
  ['ruby', 'rubygems'],
]);

/** The scheme of a name or alias (case-insensitive), or undefined. */
export function findScheme(name: string): VersionScheme | undefined {
  const key = name.toLowerCase();
  return versionSchemes.get(key) ?? versionSchemes.get(schemeAliases.get(key) ?? '');
}

/** The scheme of a name or alias; an unknown name is an InputError that lists the known ones. */
export function getScheme(name: string): VersionScheme {
  const scheme = findScheme(name);
  if (!scheme) {
    throw new InputError(
      `unknown version scheme "${name}": known schemes are ${[...versionSchemes.keys()].join(', ')}`,
    );
  }
  return scheme;
}
