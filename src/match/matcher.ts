import type { AffectedRecord } from '../advisory/db/types.js';
import type { Distro, Package } from '../catalog/types.js';

/** Where to look a package up in the advisory DB, and how to compare its version there. */
export interface LookupKey {
  /** OSV-style ecosystem of the advisory rows: 'Alpine:v3.9', 'Debian:12', 'Wolfi', 'PyPI' … */
  ecosystem: string;
  /** the name the feeds use: the origin or source package for distributions */
  name: string;
  /** the version to compare: the source version for distribution packages where known */
  version: string;
  /** a version scheme name of the version registry */
  scheme: string;
  /** whose rating counts as "the distribution's own" for this ecosystem */
  distroSource?: string;
  /**
   * Whether a row of this ecosystem and name applies to this package at all, where the name alone
   * does not say (a fix built for another module stream of the same rpm); every row when absent.
   */
  accepts?: (row: AffectedRecord) => boolean;
}

/**
 * One matcher per package family (DESIGN.md "match/"): it decides which advisory rows a package
 * is compared with. The comparing, merging and counting are shared.
 */
export interface Matcher {
  name: string;
  /** lookup keys for one package of an image with this distro; [] when the matcher does not apply */
  keys(pkg: Package, distro: Distro | undefined): LookupKey[];
}
