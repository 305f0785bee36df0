import type { Warning } from '../../errors.js';
import { readJsonFile } from '../json-file.js';
import { buildPurl } from '../purl.js';
import type { Cataloguer, Package } from '../types.js';
import type { ComposerEntry } from './installed-json.js';

// what Composer did install, not composer.json / composer.lock (what a project asks for): only the
// installer's record, kept in the vendor folder it fills
const WANTED = /\/vendor\/composer\/installed\.json$/;

/**
 * The version as the Packagist ecosystem of OSV writes it: a tag's leading `v` dropped (`v6.4.1` →
 * `6.4.1`). GitHub's advisories, OSV's Packagist source, write bare numbers (GHSA-h7vf-5wrv-9fhv:
 * symfony/http-kernel `fixed: 4.4.50`, released as tag `v4.4.50`), and Composer's own version parser
 * drops the `v` too (`version_normalized: 4.4.50.0`). Kept as written, `v4.4.50` would sort before
 * `2.0.0` in the generic scheme (a letter before a number) and miss every range. Branch versions
 * (`dev-main`, `1.x-dev`) have no leading `v` before a digit and stay as they are.
 */
export function packagistVersion(version: string): string {
  return version.replace(/^[vV](?=\d)/, '');
}

/**
 * Every entry is a package on disk, whatever its type or origin:
 * - dev packages (Composer 2's `dev-package-names`) are kept: `composer install` without `--no-dev`
 *   writes them into vendor/ like any other, so they are in the image and their flaws with them;
 * - `composer-plugin` packages are PHP code that Composer runs with the user's rights, and
 *   `metapackage`s are releases advisories can name; both are listed as an SBOM reader expects to
 *   find every package that installed.json names.
 */
function toPackage(entry: ComposerEntry, path: string): Package {
  const version = packagistVersion(entry.version);
  const slash = entry.name.indexOf('/');
  const [namespace, name] =
    slash > 0 ? [entry.name.slice(0, slash), entry.name.slice(slash + 1)] : [undefined, entry.name];
  return {
    name: entry.name,
    version,
    type: 'composer',
    purl: buildPurl({ type: 'composer', namespace, name, version }),
    licenses: entry.licenses,
    locations: [path],
    foundBy: 'composer',
  };
}

/** The Composer cataloguer: PHP packages installed into a vendor folder, from vendor/composer/installed.json. */
export const composerCataloguer: Cataloguer = {
  name: 'composer',
  wants: (path) => WANTED.test(path),
  async parse(path, content) {
    const file = readJsonFile(path, content);
    if ('warning' in file) return { packages: [], warnings: [file.warning] };
    // its checks (zod) load only when an image has such a file
    const { readInstalledJson } = await import('./installed-json.js');
    const read = readInstalledJson(file.json);
    if (typeof read === 'string') return { packages: [], warnings: [{ source: path, message: read }] };
    const warnings: Warning[] =
      read.skipped > 0
        ? [{ source: path, message: `skipped ${read.skipped} package(s) without a name or version` }]
        : [];
    return { packages: read.entries.map((entry) => toPackage(entry, path)), warnings };
  },
};
