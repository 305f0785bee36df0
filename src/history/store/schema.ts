/**
 * The history store's tables: images, tags, where each tag pointed when, each digest's inventory
 * (stored once), and observations (never rewritten). Times are ISO 8601 UTC text, so comparing
 * text compares time on SQLite and PostgreSQL alike; JSON is plain text on both.
 */

export type ImageTable = {
  /** the repository name the user gave with `--as NAME:TAG` */
  name: string;
  first_seen: string;
};

export type TagTable = {
  image: string;
  tag: string;
  first_seen: string;
};

/** From `since` on, the tag pointed to `digest` (until the next row of the same tag). */
export type TagDigestTable = {
  image: string;
  tag: string;
  since: string;
  digest: string;
};

export type DigestTable = {
  digest: string;
  /** `manifest` (the image's own digest), `config` (an image id), `content` (of the canonical inventory) */
  kind: string;
  /** JSON of the Inventory, or NULL when only a peer's result is known (an import) */
  inventory: string | null;
  /** the image config's `created` */
  created: string | null;
  size_bytes: number | null;
  packages: number | null;
  first_seen: string;
  /** JSON of the distribution a peer's result names ({ id, versionId, prettyName }), where no inventory says it */
  distro: string | null;
};

export type ObservationTable = {
  image: string;
  tag: string;
  digest: string;
  /** the UTC day of `observed_at`: one point per (tag, digest, day, scanner) */
  day: string;
  observed_at: string;
  /** when the scan ran (a backfilled point is scanned after its day) */
  scanned_at: string;
  /** `track` or `import` */
  origin: string;
  scanner_name: string;
  scanner_version: string;
  db_built_at: string | null;
  /** JSON: feed name → version */
  db_feeds: string;
  critical: number;
  high: number;
  medium: number;
  low: number;
  negligible: number;
  unknown: number;
  total: number;
  fixed: number;
  not_fixed: number;
  wont_fix: number;
  suppressed: number;
  /** the counted vulnerability ids under the default rules, space-separated and sorted: what a
   * series and the accumulation curve read, without parsing the findings */
  ids: string;
  /** JSON: CompactFinding[] (see ../compact.ts) */
  findings: string;
};

export type SettingTable = {
  key: string;
  value: string;
};

/**
 * A run of days of a tag's materialised series (src/history/materialise/) on which the tag carried
 * the same digest and the same counts, under one lens and the default counting rules.
 */
export type SeriesSegmentTable = {
  image: string;
  tag: string;
  lens: string;
  first_day: string;
  last_day: string;
  digest: string;
  /** `lens` or `recorded` (Point.basis) */
  basis: string;
  /** JSON: { bySeverity, byFixState, total } */
  counts: string;
  /** the counted vulnerability ids, space-separated and sorted */
  ids: string;
  /** JSON: Coverage, or NULL for a recorded point */
  coverage: string | null;
  /** JSON: Provenance (scanner and DB) */
  provenance: string;
};

/** Against which advisory DB, up to which day, and from which day dirty, a tag's series was computed. */
export type SeriesStateTable = {
  image: string;
  tag: string;
  /** the advisory DB the series was computed against (its build time and feed versions) */
  db_key: string;
  /** the last day computed */
  through: string;
  /** an observation recorded since changed the series from this day on */
  dirty_from: string | null;
  /** JSON: a fingerprint per digest the series was computed from (materialise/fingerprint.ts) */
  fingerprint: string;
  computed_at: string;
  /** JSON: the last point of each lens, as the Directory sorts and filters on it */
  latest: string | null;
};

export interface HistoryTables {
  image: ImageTable;
  tag: TagTable;
  tag_digest: TagDigestTable;
  digest: DigestTable;
  observation: ObservationTable;
  setting: SettingTable;
  series_segment: SeriesSegmentTable;
  series_state: SeriesStateTable;
}
