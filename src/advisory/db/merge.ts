/**
 * Pure merging of the handle rows of one vulnerability (seen by several feeds under several ids)
 * into the record the matcher reads.
 */
import type { SeverityRating } from '../types.js';
import { fromJsonText } from '../../store/sql-values.js';
import type { AffectedRecord, VulnerabilityRecord } from './types.js';
import type { AffectedDetail, AffectedTable, VulnerabilityTable } from './schema.js';

interface Detail {
  summary?: string;
  severities?: SeverityRating[];
}

/** The columns of a vulnerability row that merging reads. */
export type VulnerabilityRow = Pick<
  VulnerabilityTable,
  'feed' | 'id' | 'aliases' | 'published' | 'modified' | 'withdrawn' | 'detail'
>;

/** Merges the rows of one canonical vulnerability id across feeds. */
export function mergeVulnerability(id: string, rows: readonly VulnerabilityRow[]): VulnerabilityRecord {
  const aliases = new Set<string>();
  const feeds = new Set<string>();
  const severities = new Map<string, SeverityRating>();
  let summary: string | undefined;
  let published: string | undefined;
  let modified: string | undefined;
  let withdrawn: string | undefined;
  let allWithdrawn = rows.length > 0;
  for (const row of rows) {
    feeds.add(row.feed);
    for (const alias of [row.id, ...fromJsonText<string[]>(row.aliases, [])])
      if (alias !== id) aliases.add(alias);
    const detail = fromJsonText<Detail>(row.detail, {});
    summary ??= detail.summary || undefined;
    for (const s of detail.severities ?? []) severities.set(`${s.source}\0${s.level}\0${s.cvss ?? ''}`, s);
    if (row.published && (!published || row.published < published)) published = row.published;
    if (row.modified && (!modified || row.modified > modified)) modified = row.modified;
    // a flaw is withdrawn only when every feed that knew it withdrew it
    if (!row.withdrawn) allWithdrawn = false;
    else if (!withdrawn || row.withdrawn > withdrawn) withdrawn = row.withdrawn;
  }
  return {
    id,
    aliases: [...aliases].sort(),
    summary,
    published,
    modified,
    withdrawn: allWithdrawn ? withdrawn : undefined,
    severities: [...severities.values()],
    feeds: [...feeds].sort(),
  };
}

/**
 * Parses column texts (JSON, space-separated lists) once per distinct text: the rows of one
 * advisory share their fix and aliases (a DSA fixing 40 CVEs has 40 rows with the same detail),
 * so a lookup reuses the objects. Callers treat records as immutable.
 */
export class ColumnTextCache {
  private readonly parsed = new Map<string, unknown>();
  private readonly lists = new Map<string, string[]>();
  /** a space-separated list (the aliases column), split once per distinct text */
  list(text: string | null | undefined): string[] {
    if (!text) return [];
    let value = this.lists.get(text);
    if (value === undefined) this.lists.set(text, (value = text.split(' ')));
    return value;
  }
  get<T>(text: string | null | undefined, fallback: T): T {
    if (!text) return fallback;
    let value = this.parsed.get(text);
    if (value === undefined) this.parsed.set(text, (value = fromJsonText<T>(text, fallback)));
    return value as T;
  }
}

/** The columns a package lookup reads, in the order `affectedRecord` takes them. */
export const AFFECTED_COLUMNS = [
  'package',
  'vulnerability',
  'advisory_id',
  'feed',
  'aliases',
  'fix_state',
  'fixed_version',
  'fixed_at',
  'known_from',
  'withdrawn',
  'detail',
  'known_to',
  'known_from_source',
] as const satisfies readonly (keyof AffectedTable)[];

// the ranges of a row whose fix columns say it all (affected-fix.ts); records are read-only
const NO_RANGES: AffectedRecord['ranges'] = Object.freeze([]) as unknown as AffectedRecord['ranges'];

/** One stored affected row, as the columns of `AFFECTED_COLUMNS` in order, as the matcher reads it. */
export function affectedRecord(
  ecosystem: string,
  row: unknown[],
  json = new ColumnTextCache(),
): AffectedRecord {
  const detail = json.get<AffectedDetail | undefined>(row[10] as string | null, undefined);
  return {
    ecosystem,
    package: row[0] as string,
    vulnerability: row[1] as string,
    advisoryId: row[2] as string,
    feed: row[3] as string,
    aliases: json.list(row[4] as string),
    fixState: row[5] as AffectedRecord['fixState'],
    fixedVersion: (row[6] as string | null) ?? undefined,
    fixedAt: (row[7] as string | null) ?? undefined,
    ranges: (detail?.ranges as AffectedRecord['ranges'] | undefined) ?? NO_RANGES,
    versions: detail?.versions,
    severity: detail?.severity as AffectedRecord['severity'],
    knownFrom: row[8] as string,
    knownTo: (row[11] as string | null) ?? undefined,
    knownFromSource: row[12] as AffectedRecord['knownFromSource'],
    withdrawn: (row[9] as string | null) ?? undefined,
  };
}
