/**
 * Pure conversion of normalised feed items into table rows: the one place that decides the
 * canonical vulnerability id, `known_from` and the validity columns.
 */
import type { Advisory } from '../types.js';
import { fromBool, toIsoTime, toJsonText } from '../../store/sql-values.js';
import { affectedDetail } from './affected-fix.js';
import { createHash } from 'node:crypto';
import type {
  AffectedTable,
  AliasTable,
  EpssTable,
  KevTable,
  KnownFromSource,
  VulnerabilityTable,
} from './schema.js';
import type { FeedItem } from '../feeds/types.js';
import { packageKey } from '../package-name.js';

const CVE = /^CVE-\d{4}-\d+$/i;

/** The id aliases collapse to: the CVE among the record's id and aliases, else its own id. */
export function canonicalId(id: string, aliases: readonly string[]): string {
  if (CVE.test(id)) return id.toUpperCase();
  const cve = aliases.find((a) => CVE.test(a));
  return cve ? cve.toUpperCase() : id;
}

/** What the previous build said of a record: the history this build carries forward. */
export interface PreviousRecord {
  /** when a build first saw the record */
  firstSeen: string;
  /** the signature of its undated content (`contentSignature`) */
  signature: string;
  /** known_from of its undated rows, and where it came from */
  knownFrom: string;
  source: KnownFromSource;
}

export interface RecordTimes {
  /** this build's time */
  now: string;
  /** when the feed's data was fetched */
  fetchedAt: string;
  /** what the previous build held for this record, if it held it */
  previous?: PreviousRecord;
}

export interface AdvisoryRows {
  vulnerability: VulnerabilityTable;
  aliases: AliasTable[];
  affected: AffectedTable[];
  /** the signature of the undated content, to compare with the next build */
  signature: string;
  /** whether the undated content differs from the previous build's (its old rows get closed) */
  changed: boolean;
}

/**
 * The rows of one advisory record: its handle row, alias rows and one row per affected package.
 * Statements the feed dates itself (Wolfi's events) hold over their own interval. The others hold
 * from the record's publication, else from the build that first saw it, unless a build saw the
 * record's content change: then the new content holds from that build (and the old rows are
 * closed there by the caller), because a feed without dates (Debian's tracker, Alpine's secdb, an
 * OSV record edited in place) would otherwise show today's fix on every past day.
 */
export function advisoryRows(
  advisory: Advisory,
  recordId: string,
  feed: string,
  times: RecordTimes,
): AdvisoryRows {
  const vulnerability = canonicalId(advisory.id, advisory.aliases);
  const previous = times.previous;
  const firstSeen = previous?.firstSeen ?? times.now;
  const published = toIsoTime(advisory.published);
  const withdrawn = toIsoTime(advisory.withdrawn) ?? null;
  const aliases = [...new Set(advisory.aliases.filter((a) => a !== advisory.id))];
  const ids = new Set([advisory.id, ...aliases, vulnerability]);
  const aliasesJson = toJsonText(aliases);
  const affected = advisory.affected.map((a): AffectedTable => ({
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
    known_from: toIsoTime(a.knownFrom) ?? '',
    known_to: toIsoTime(a.knownTo) ?? null,
    known_from_source: a.knownFrom ? 'event' : 'first-build',
    withdrawn,
    detail: affectedDetail(a),
  }));
  const undated = affected.filter((row) => row.known_from_source !== 'event');
  const signature = contentSignature(undated);
  const changed = previous !== undefined && previous.signature !== signature;
  const [knownFrom, source]: [string, KnownFromSource] = changed
    ? [times.now, 'update']
    : previous?.source === 'update'
      ? [previous.knownFrom, 'update']
      : published
        ? [published, 'published']
        : [firstSeen, 'first-build'];
  for (const row of undated) {
    row.known_from = knownFrom;
    row.known_from_source = source;
  }
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
      known_from: published ?? firstSeen,
    },
    aliases: [...ids].map((alias) => ({ alias, vulnerability })),
    affected,
    signature,
    changed,
  };
}

/**
 * A short, order-free digest of what undated rows say (package, fix state, fixed version and time,
 * ranges and severity): equal signatures mean an update did not change the record's content.
 */
export function contentSignature(
  rows: readonly Pick<
    AffectedTable,
    'ecosystem' | 'package' | 'fix_state' | 'fixed_version' | 'fixed_at' | 'detail'
  >[],
): string {
  if (rows.length === 0) return '';
  const lines = rows
    .map((r) => JSON.stringify([r.ecosystem, r.package, r.fix_state, r.fixed_version, r.fixed_at, r.detail]))
    .sort();
  return createHash('sha1').update(lines.join('\n')).digest('base64url').slice(0, 16);
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
