/**
 * Pure conversion of normalised feed items into table rows: the one place that decides the
 * canonical vulnerability id, `known_from` and the validity columns.
 */
import type { Advisory } from '../types.js';
import { fromBool, toIsoTime, toJsonText } from '../../store/sql-values.js';
import { affectedDetail } from './affected-fix.js';
import type { AffectedTable, AliasTable, EpssTable, KevTable, VulnerabilityTable } from './schema.js';
import type { FeedItem } from '../feeds/types.js';
import { packageKey } from '../package-name.js';

const CVE = /^CVE-\d{4}-\d+$/i;

/** The id aliases collapse to: the CVE among the record's id and aliases, else its own id. */
export function canonicalId(id: string, aliases: readonly string[]): string {
  if (CVE.test(id)) return id.toUpperCase();
  const cve = aliases.find((a) => CVE.test(a));
  return cve ? cve.toUpperCase() : id;
}

export interface RecordTimes {
  /** this build's time */
  now: string;
  /** when the feed's data was fetched */
  fetchedAt: string;
  /** when an earlier build first saw this record, if one did */
  firstSeen?: string;
}

export interface AdvisoryRows {
  vulnerability: VulnerabilityTable;
  aliases: AliasTable[];
  affected: AffectedTable[];
}

/** The rows of one advisory record: its handle row, alias rows and one row per affected package. */
export function advisoryRows(
  advisory: Advisory,
  recordId: string,
  feed: string,
  times: RecordTimes,
): AdvisoryRows {
  const vulnerability = canonicalId(advisory.id, advisory.aliases);
  const firstSeen = times.firstSeen ?? times.now;
  const published = toIsoTime(advisory.published);
  // bitemporal: a record counts from its publication where the feed says, else from when we first saw it
  const knownFrom = published ?? firstSeen;
  const withdrawn = toIsoTime(advisory.withdrawn) ?? null;
  const aliases = [...new Set(advisory.aliases.filter((a) => a !== advisory.id))];
  const ids = new Set([advisory.id, ...aliases, vulnerability]);
  const aliasesJson = toJsonText(aliases);
  return {
    vulnerability: {
      feed,
      record_id: recordId,
      id: advisory.id,
      vulnerability,
      aliases: aliasesJson,
      published: published ?? null,
      modified: toIsoTime(advisory.modified) ?? null,
      withdrawn,
      detail: JSON.stringify({
        summary: advisory.summary,
        severities: advisory.severities,
        references: advisory.references,
      }),
      fetched_at: times.fetchedAt,
      first_seen: firstSeen,
      last_seen: times.now,
      known_from: knownFrom,
    },
    aliases: [...ids].map((alias) => ({ alias, vulnerability })),
    affected: advisory.affected.map((a) => ({
      ecosystem: a.ecosystem,
      package: packageKey(a.ecosystem, a.package),
      vulnerability,
      advisory_id: advisory.id,
      feed,
      record_id: recordId,
      aliases: aliases.join(' '),
      fix_state: a.fixState,
      fixed_version: a.fixedVersion ?? null,
      fixed_at: toIsoTime(a.fixedAt) ?? a.fixedAt ?? null,
      known_from: knownFrom,
      withdrawn,
      detail: affectedDetail(a),
    })),
  };
}

/** The KEV row of a KEV item. */
export function kevRow(item: Extract<FeedItem, { kind: 'kev' }>): KevTable {
  return {
    cve: item.cve.toUpperCase(),
    date_added: item.dateAdded,
    due_date: item.dueDate ?? null,
    known_ransomware: fromBool(item.knownRansomware),
    vendor: item.vendor ?? null,
    product: item.product ?? null,
  };
}

/** The EPSS row of an EPSS item. */
export function epssRow(item: Extract<FeedItem, { kind: 'epss' }>): EpssTable {
  return {
    cve: item.cve.toUpperCase(),
    score: item.epss,
    percentile: item.percentile,
    date: item.date ?? null,
  };
}
