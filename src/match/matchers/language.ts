import type { Package, PackageType } from '../../catalog/types.js';
import { packageKey } from '../../advisory/package-name.js';
import type { Matcher } from '../matcher.js';

/** OSV ecosystem and version scheme of each language package type. */
const LANGUAGE: Partial<
  Record<PackageType, { ecosystem: string; scheme: string; normalise?: (n: string) => string }>
> = {
  // PEP 503: names compare case-insensitively with runs of -_. folded to one dash.
  pypi: { ecosystem: 'PyPI', scheme: 'pep440', normalise: (n) => n.toLowerCase().replace(/[-_.]+/g, '-') },
  npm: { ecosystem: 'npm', scheme: 'semver' },
  golang: { ecosystem: 'Go', scheme: 'go' },
  maven: { ecosystem: 'Maven', scheme: 'maven' },
  cargo: { ecosystem: 'crates.io', scheme: 'semver' },
  gem: { ecosystem: 'RubyGems', scheme: 'rubygems' },
  nuget: { ecosystem: 'NuGet', scheme: 'generic', normalise: (n) => n.toLowerCase() },
  composer: { ecosystem: 'Packagist', scheme: 'generic' },
};

/** Language packages are matched by OSV ecosystem and package name, whatever the distribution. */
export const languageMatcher: Matcher = {
  name: 'language',
  keys(pkg) {
    const lang = LANGUAGE[pkg.type];
    if (!lang) return [];
    // the DB stores names in the same key form (PEP 503 for PyPI), so the rows it returns match
    const name = packageKey(lang.ecosystem, pkg.name);
    return [{ ecosystem: lang.ecosystem, name, version: comparable(pkg), scheme: lang.scheme }];
  },
};

/**
 * The version as the ecosystem compares it. Syft's SBOMs give Go's standard library the toolchain
 * version as Go prints it (`go1.21.5`), where the Go vulnerability database writes `1.21.5`.
 */
function comparable(pkg: Package): string {
  if (pkg.type === 'golang' && pkg.name === 'stdlib') return pkg.version.replace(/^go(?=\d)/, '');
  return pkg.version;
}
