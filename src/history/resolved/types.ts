/** The plain data of resolutions: which vulnerability an image stopped carrying, when, and how. */
import type { Severity } from '../../advisory/types.js';
import type { Instant } from '../../time/instant.js';

/**
 * How a vulnerability was resolved (docs/counting.md): the tag was rebuilt without it (`update`),
 * a feed marked it fixed or not affected for a package the image holds (`advisory`), or a VEX
 * statement said fixed or not_affected (`vex`).
 */
export type ResolvedHow = 'update' | 'advisory' | 'vex';
export const RESOLVED_HOWS: readonly ResolvedHow[] = ['update', 'advisory', 'vex'];

/** One resolution of one vulnerability in one tag. */
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
}
