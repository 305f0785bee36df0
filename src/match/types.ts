import type { FixState, Severity } from '../advisory/types.js';
import type { Inventory, Package } from '../catalog/types.js';
import type { Warning } from '../errors.js';

/** A VEX statement applied to a finding: who said what about it. */
export interface VexStatement {
  /** OpenVEX status: not_affected, affected, fixed, under_investigation */
  status: 'not_affected' | 'affected' | 'fixed' | 'under_investigation';
  justification?: string;
  impactStatement?: string;
  /** the document it came from (file name or @id) */
  source: string;
}

export interface Finding {
  /** the CVE id where one exists, else the advisory id */
  vulnerability: string;
  /** every other id of the same flaw (GHSA, CGA, DSA …) */
  aliases: string[];
  package: Package;
  fixState: FixState;
  fixedVersion?: string;
  /** when the fix became available, where the feed says */
  fixedAt?: string;
  severity: Severity;
  /** who gave the severity: the distribution (alpine, debian, wolfi …), nvd, cna, ghsa … */
  severitySource: string;
  cvss?: { score: number; vector?: string; source: string };
  kev: boolean;
  epss?: number;
  /** which matcher and which record matched: `apk-origin:alpine-secdb:CVE-2019-1549` */
  matchedBy: string;
  /** the advisory records that support this finding: `feed:recordId` */
  records: string[];
  summary?: string;
  published?: string;
  vex?: VexStatement;
}

export type CountBy = 'vulnerability' | 'package';

/** The counting rules of DESIGN.md, as settings. */
export interface CountingRules {
  countBy: CountBy;
  includeNegligible: boolean;
  /** fix states that are not counted (not-affected never counts) */
  ignoreStates: FixState[];
  onlyFixed: boolean;
  /**
   * count only vulnerabilities that have a CVE id: an advisory that names no CVE (a DLA for
   * tzdata's new time zone data, a GHSA without a CVE) otherwise counts under its own id, as OSV does
   */
  cveOnly?: boolean;
}

export interface Summary {
  /** counts under the rules: by severity and fix state, and the total */
  bySeverity: Record<Severity, number>;
  byFixState: Record<FixState, number>;
  total: number;
  /** suppressed by VEX or not-affected, apart */
  suppressed: number;
}

export interface ScanResult {
  schemaVersion: string;
  scanner: { name: string; version: string };
  db: { builtAt: string; feeds: Record<string, string> };
  scannedAt: string;
  /** the instant the advisories were matched as of (the scan time unless replayed) */
  asOf: string;
  /** whether this result replays the past (`asOf` given) rather than scanning now */
  replay: boolean;
  inventory: Inventory;
  /** counted findings (after VEX and rules), sorted by severity then id */
  findings: Finding[];
  /** findings removed by VEX or not-affected statements, kept for `--show-suppressed` */
  suppressed: Finding[];
  rules: CountingRules;
  summary: Summary;
  warnings: Warning[];
}
