/** The plain data of resolutions: which vulnerability an image stopped carrying, when, and how. */
import type { Severity } from '../../advisory/types.js';
import type { Instant } from '../../time/instant.js';

/**
 * How an episode ended (docs/counting.md): the tag was rebuilt without it (`update`), the feeds
 * marked it fixed, false positive or withdrew it (`advisory`), or a VEX statement said fixed or
 * not_affected (`vex`).
 */
export type ResolvedHow = 'update' | 'advisory' | 'vex';
export const RESOLVED_HOWS: readonly ResolvedHow[] = ['update', 'advisory', 'vex'];

/** The end of one episode of a (vulnerability, package) in one tag. */
export interface Resolution {
  /** the UTC day it happened */
  day: string;
  at: Instant;
  vulnerability: string;
  severity: Severity;
  /** the package (for a distribution advisory: the source package / origin it names) */
  package: string;
  how: ResolvedHow;
  /** what happened, in words: `fixed in 1.3.1-r0`, `false positive`, `rebuilt sha256:… → sha256:…` */
  detail: string;
  /** the record that says so: `wolfi-advisories:CGA-…`, the VEX document, the new digest */
  source: string;
  /** the first detection: the feed's, or the first point of the tag that showed it, the earlier */
  detectedAt?: Instant;
  /** resolution − detection, in days (4 decimals), where both are known */
  timeToFixDays?: number;
  /**
   * whether it counts in the headline (totals, hours, money) under the count unit: per
   * vulnerability (default) the first resolution of each vulnerability in the range; per package, each
   */
  counted: boolean;
}
