import type { Affected, SeverityRating } from '../types.js';
import type { KnownFromSource } from './schema.js';

/** One affected-package row as the matcher reads it back, with its provenance and validity. */
export interface AffectedRecord extends Affected {
  /** the id of the advisory record that says it (CVE-…, GHSA-…, CGA-…, DSA-…, ALPINE secdb: the CVE) */
  advisoryId: string;
  /** the CVE id where the record has one among its id and aliases, else the record id */
  vulnerability: string;
  aliases: string[];
  feed: string;
  /** ISO time from which the DB counts the record as known: its `published` date, else when first seen */
  knownFrom: string;
  /** where `knownFrom` comes from: the feed's event, the record's publication, an alias's, the first build, an update */
  knownFromSource: KnownFromSource;
  /** ISO time a later content of the record replaced this one (record history), if one did */
  knownTo?: string;
  /** ISO time the record was withdrawn or disappeared from its feed, if it did */
  withdrawn?: string;
}

/** One feed's record of a vulnerability, as an advisory page shows it. */
export interface AdvisoryRecordSummary {
  feed: string;
  /** the record's own id (CVE-…, GHSA-…, CGA-…, DSA-…) */
  id: string;
  summary?: string;
  published?: string;
  modified?: string;
  withdrawn?: string;
  severities: SeverityRating[];
  /** the links the record gives (advisories, trackers, patches) */
  references: string[];
}

/** Everything the DB holds on one vulnerability: the merged record, each feed's record, and the affected rows that hold now. */
export interface VulnerabilityDetail {
  vulnerability: VulnerabilityRecord;
  records: AdvisoryRecordSummary[];
  affected: AffectedRecord[];
}

/** Which rows a lookup returns: as of an instant, or every row of every time (replay sweeps). */
export interface AffectedQuery {
  /** the rows that held at this instant (ISO 8601); default: the rows that hold now */
  asOf?: string;
  /** every row, whatever its validity (replay computes the intervals itself) */
  allTimes?: boolean;
}

/** What the DB knows about one vulnerability id, merged across feeds. */
export interface VulnerabilityRecord {
  id: string;
  aliases: string[];
  summary?: string;
  published?: string;
  modified?: string;
  withdrawn?: string;
  severities: SeverityRating[];
  feeds: string[];
}

export interface FeedStatus {
  name: string;
  /** the version of the feed's data: its newest record date, ETag or file date */
  version: string;
  fetchedAt: string;
  records: number;
  source: string;
}

/** What `db status` reports of the record history (affected rows). */
export interface DbHistory {
  /** rows that hold now */
  current: number;
  /** rows of earlier contents that a later build replaced (kept for as-of reads) */
  superseded: number;
  /** rows withdrawn by their feed, or of records that disappeared from it */
  withdrawn: number;
  /** current rows by where their known-from time comes from (event, published, alias, first-build, update) */
  knownFrom: Record<string, number>;
}

export interface DbMeta {
  schemaVersion: number;
  builtAt: string;
  feeds: FeedStatus[];
}

/** Read access to an advisory DB, as the matcher and the history stage use it. */
export interface AdvisoryDbReader {
  meta(): Promise<DbMeta>;
  /**
   * Affected rows for many package names of one ecosystem at once (one query, not one per
   * package): the rows that hold now, or as of `asOf` (known by then, not replaced or withdrawn
   * by then), or all of them.
   */
  affected(ecosystem: string, packages: string[], options?: AffectedQuery): Promise<AffectedRecord[]>;
  /** the merged record of many vulnerability ids (CVE or any alias) at once */
  vulnerabilities(ids: string[]): Promise<Map<string, VulnerabilityRecord>>;
  /**
   * What the DB holds on one vulnerability id (CVE or any alias), by indexed reads only (alias,
   * then the vulnerability's records, then their affected rows): undefined for an unknown id
   */
  vulnerabilityDetail(id: string): Promise<VulnerabilityDetail | undefined>;
  /** CVE ids present in the CISA KEV catalogue, among those given, with when each was added */
  kev(cves: string[]): Promise<Map<string, string>>;
  /** EPSS score by CVE id, among those given */
  epss(cves: string[]): Promise<Map<string, number>>;
  /** the history the DB keeps: rows by validity and by where their known-from time comes from */
  history(): Promise<DbHistory>;
  /** ecosystems present in the DB, with row counts */
  ecosystems(): Promise<Map<string, number>>;
  close(): Promise<void>;
}
