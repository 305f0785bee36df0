/** The normalised advisory model every feed produces (DESIGN.md "Core types"). */

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'negligible' | 'unknown';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];

/** A count per severity, each at 0, in SEVERITIES' order (a literal: made per day and per answer). */
export const zeroBySeverity = (): Record<Severity, number> => ({
  critical: 0,
  high: 0,
  medium: 0,
  low: 0,
  negligible: 0,
  unknown: 0,
});

export type FixState = 'fixed' | 'not-fixed' | 'wont-fix' | 'not-affected';

/** An OSV-style range: events in the version scheme of the ecosystem. */
export interface VersionRange {
  type: 'ECOSYSTEM' | 'SEMVER' | 'GIT';
  events: RangeEvent[];
}
export type RangeEvent =
  { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export interface Affected {
  /** OSV style: 'Alpine:v3.9', 'Debian:12', 'Wolfi', 'PyPI', 'npm' … */
  ecosystem: string;
  /** as the feed names it (source package for Debian, origin for Alpine) */
  package: string;
  ranges: VersionRange[];
  /** explicit versions listed as affected (OSV `versions`) */
  versions?: string[];
  fixState: FixState;
  fixedVersion?: string;
  /** when the fix became available, where the feed says (ISO 8601) */
  fixedAt?: string;
  /**
   * When the feed itself dates this statement (Wolfi's events): from when it held, and until when
   * (absent: still holds). Statements without dates hold from the record's known-from time.
   */
  knownFrom?: string;
  knownTo?: string;
  /** the feed's own severity for this package where it differs per package (Debian urgency) */
  severity?: SeverityRating;
}

export interface SeverityRating {
  /** who rated it: nvd, debian, alpine, ghsa, cna, cisa-adp … */
  source: string;
  level: Severity;
  /** CVSS vector, where given */
  cvss?: string;
  score?: number;
}

export interface Advisory {
  /** the record's own id (CVE-…, GHSA-…, CGA-…, DSA-…) */
  id: string;
  /** all other ids for the same flaw */
  aliases: string[];
  summary?: string;
  published?: string;
  modified: string;
  withdrawn?: string;
  severities: SeverityRating[];
  affected: Affected[];
  references?: string[];
  /** which feed it came from (provenance) */
  feed: string;
}
