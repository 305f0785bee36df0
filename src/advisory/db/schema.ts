/**
 * The advisory DB tables, after Grype's v6 idea: small indexed "handle" columns that queries
 * filter on, and the detail as JSON text beside them. All times are ISO 8601 UTC strings, so
 * comparing them as text compares them as times on both SQLite and PostgreSQL.
 */

/** Bumped with every migration that changes what readers see; `db import` checks it. */
export const SCHEMA_VERSION = 4;

export type VulnerabilityTable = {
  feed: string;
  record_id: string;
  /** the record's own id (CVE-…, GHSA-…, CGA-…, DSA-…) */
  id: string;
  /** the CVE id among id and aliases where there is one, else the id: what aliases collapse to */
  vulnerability: string;
  aliases: string | null;
  published: string | null;
  modified: string | null;
  withdrawn: string | null;
  /** JSON: { summary, severities, references } */
  detail: string;
  fetched_at: string;
  first_seen: string;
  last_seen: string;
  known_from: string;
};

export type AliasTable = {
  alias: string;
  vulnerability: string;
};

export type AffectedTable = {
  ecosystem: string;
  package: string;
  vulnerability: string;
  advisory_id: string;
  feed: string;
  record_id: string;
  /** the record's other ids, space-separated (ids hold no spaces), so a lookup needs no join */
  aliases: string;
  fix_state: string;
  fixed_version: string | null;
  /** when the fix became available, where the feed says */
  fixed_at: string | null;
  known_from: string;
  /** when a later content of the record replaced this row (record history); null: current */
  known_to: string | null;
  /** where known_from comes from (`KnownFromSource`) */
  known_from_source: KnownFromSource;
  withdrawn: string | null;
  /**
   * Ranges, versions and severity as JSON (`AffectedDetail`), or null when `fix_state` and
   * `fixed_version` say it all, as they do for most distro rows (affected-fix.ts). Rows that share
   * a text (one OSV record's package in several ecosystems) have it parsed once per lookup.
   */
  detail: string | null;
};

/**
 * Where an affected row's `known_from` comes from: `event` the feed dated this statement itself
 * (Wolfi's events); `published` the record's publication date; `alias` the earliest publication the
 * DB holds for the same vulnerability under another id (CVE 5, OSV, NVD); `first-build` the build
 * that first saw the record; `update` the build that saw the record change to this content.
 */
export type KnownFromSource = 'event' | 'published' | 'alias' | 'first-build' | 'update';

/** The JSON of `affected.detail`. */
export interface AffectedDetail {
  ranges?: unknown[];
  versions?: string[];
  severity?: unknown;
}

export type KevTable = {
  cve: string;
  date_added: string;
  due_date: string | null;
  known_ransomware: number | null;
  vendor: string | null;
  product: string | null;
};

export type EpssTable = {
  cve: string;
  score: number;
  percentile: number;
  date: string | null;
};

export type FeedTable = {
  name: string;
  source: string;
  version: string;
  fetched_at: string;
  etag: string | null;
  last_modified: string | null;
  records: number;
};

export type MetaTable = {
  key: string;
  value: string;
};

export interface AdvisoryTables {
  vulnerability: VulnerabilityTable;
  alias: AliasTable;
  affected: AffectedTable;
  kev: KevTable;
  epss: EpssTable;
  feed: FeedTable;
  meta: MetaTable;
}
