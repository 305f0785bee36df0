/**
 * The advisory DB reader the matcher uses: every lookup is batched (IN lists of ~500), so
 * matching an image is a handful of indexed queries, on SQLite or PostgreSQL alike.
 *
 * The queries are plain SQL, written once with `?` placeholders (numbered `$n` for PostgreSQL),
 * run through a connection that returns rows as arrays: a SQLite file is read with better-sqlite3
 * directly, so a scan loads neither Kysely (263 modules, ~0.1 s to import; the store and the
 * build still speak it) nor anything else it does not run. The SQL is the common subset of both
 * dialects: quoted identifiers, `in (…)`, `is null`, text comparison of ISO times.
 */
import { existsSync } from 'node:fs';
import { InputError, NotFoundError } from '../../errors.js';
import { reopenOnSwap } from './reopen-on-swap.js';
import { isPostgresUrl } from '../../store/connect.js';
import { chunked, fromJsonText, toCount, toIsoTime } from '../../store/sql-values.js';
import type { SeverityRating } from '../types.js';
import { parseUserTime } from '../../time/instant.js';
import {
  AFFECTED_COLUMNS,
  ColumnTextCache,
  affectedRecord,
  mergeVulnerability,
  type VulnerabilityRow,
} from './merge.js';
import { checkSchema, columns, list, openPostgres, openSqlite } from './read-connection.js';
import type {
  AdvisoryDbReader,
  AdvisoryRecordSummary,
  AffectedRecord,
  DbHistory,
  DbMeta,
  VulnerabilityDetail,
  VulnerabilityRecord,
} from './types.js';
import { packageKey } from '../package-name.js';

// what merging a vulnerability reads, in this order (rows come back as arrays: no object per row)
const VULNERABILITY_COLUMNS = [
  'vulnerability',
  'feed',
  'id',
  'aliases',
  'published',
  'modified',
  'withdrawn',
  'detail',
] as const;

/**
 * Opens an advisory DB (SQLite file, `sqlite:PATH` or `postgres://…`) for reading. A reader of a
 * file notices when `db update` swaps a new build in and reopens it (a long-running server or
 * worker reads the new advisories without a restart).
 */
export async function openAdvisoryDb(pathOrUrl: string): Promise<AdvisoryDbReader> {
  const file = pathOrUrl.replace(/^sqlite:/i, '');
  if (isPostgresUrl(pathOrUrl)) return openOnce(pathOrUrl);
  if (!existsSync(file))
    throw new NotFoundError(
      `no advisory DB at ${file}; build one with "cleanroom db build" or "cleanroom db update"`,
    );
  return reopenOnSwap(file, () => openOnce(pathOrUrl));
}

async function openOnce(pathOrUrl: string): Promise<AdvisoryDbReader> {
  const conn = isPostgresUrl(pathOrUrl)
    ? await openPostgres(pathOrUrl)
    : await openSqlite(pathOrUrl.replace(/^sqlite:/i, ''));
  await checkSchema(conn, pathOrUrl);
  const unique = (items: string[]) => [...new Set(items)];
  const AFFECTED = columns(AFFECTED_COLUMNS, 'a');

  return {
    async meta(): Promise<DbMeta> {
      const meta = await conn.all('select "key", "value" from "meta"').catch(() => {
        throw new InputError(`${pathOrUrl} is not a cleanroom advisory DB`);
      });
      const value = (key: string) => meta.find((m) => m[0] === key)?.[1] as string | undefined;
      const feeds = await conn.all(
        'select "name", "version", "fetched_at", "records", "source" from "feed" order by "name"',
      );
      return {
        schemaVersion: Number(value('schema_version') ?? 0),
        builtAt: value('built_at') ?? '',
        feeds: feeds.map(([name, version, fetchedAt, records, source]) => ({
          name: name as string,
          version: version as string,
          fetchedAt: fetchedAt as string,
          records: toCount(records as number | string),
          source: source as string,
        })),
      };
    },

    async affected(ecosystem, packages, options): Promise<AffectedRecord[]> {
      const asOf = options?.asOf === undefined ? undefined : instantOf(options.asOf);
      // as of an instant: the rows that held then; by default: the ones that hold now
      const [when, whenParams]: [string, string[]] = asOf
        ? [
            ' and "a"."known_from" <= ? and ("a"."known_to" is null or "a"."known_to" > ?)' +
              ' and ("a"."withdrawn" is null or "a"."withdrawn" > ?)',
            [asOf, asOf, asOf],
          ]
        : options?.allTimes
          ? ['', []]
          : [' and "a"."known_to" is null and "a"."withdrawn" is null', []];
      const out: AffectedRecord[] = [];
      const json = new ColumnTextCache();
      for (const names of chunked(unique(packages.map((p) => packageKey(ecosystem, p))))) {
        // the handle row carries the aliases: one indexed range scan, no join
        const rows = await conn.all(
          `select ${AFFECTED} from "affected" as "a" where "a"."ecosystem" = ? and "a"."package" in ${list(names.length)}${when}`,
          [ecosystem, ...names, ...whenParams],
        );
        for (const row of rows) out.push(affectedRecord(ecosystem, row, json));
      }
      return out;
    },

    async vulnerabilities(ids): Promise<Map<string, VulnerabilityRecord>> {
      const canonicalOf = new Map<string, string[]>();
      for (const chunk of chunked(unique(ids))) {
        const rows = await conn.all(
          `select "alias", "vulnerability" from "alias" where "alias" in ${list(chunk.length)}`,
          chunk,
        );
        for (const [alias, vulnerability] of rows as [string, string][])
          canonicalOf.set(alias, [...(canonicalOf.get(alias) ?? []), vulnerability]);
      }
      const byCanonical = new Map<string, VulnerabilityRow[]>();
      for (const chunk of chunked(unique([...canonicalOf.values()].flat()))) {
        type Cells = [
          string,
          string,
          string,
          string | null,
          string | null,
          string | null,
          string | null,
          string,
        ];
        const rows = (await conn.all(
          `select ${columns(VULNERABILITY_COLUMNS)} from "vulnerability" where "vulnerability" in ${list(chunk.length)}`,
          chunk,
        )) as Cells[];
        for (const cells of rows) {
          const [vulnerability, feed, id, aliases, published, modified, withdrawn, detail] = cells;
          const row = { feed, id, aliases, published, modified, withdrawn, detail };
          const list = byCanonical.get(vulnerability);
          if (list) list.push(row);
          else byCanonical.set(vulnerability, [row]);
        }
      }
      const out = new Map<string, VulnerabilityRecord>();
      for (const id of ids) {
        // an id may be an alias of several flaws (rare); the CVE it collapses to first is the answer
        const canonical = canonicalOf.get(id)?.[0];
        if (canonical) out.set(id, mergeVulnerability(canonical, byCanonical.get(canonical) ?? []));
      }
      return out;
    },

    async vulnerabilityDetail(id): Promise<VulnerabilityDetail | undefined> {
      const [alias] = await conn.all(
        'select "vulnerability" from "alias" where "alias" = ? order by "vulnerability" limit 1',
        [id],
      );
      if (!alias) return undefined;
      const canonical = alias[0] as string;
      const rows = (
        await conn.all(
          `select ${columns(['record_id', ...VULNERABILITY_COLUMNS])} from "vulnerability" where "vulnerability" = ? order by "feed", "id"`,
          [canonical],
        )
      ).map((r) => ({
        record_id: r[0] as string,
        feed: r[2] as string,
        id: r[3] as string,
        aliases: r[4] as string | null,
        published: r[5] as string | null,
        modified: r[6] as string | null,
        withdrawn: r[7] as string | null,
        detail: r[8] as string,
      }));
      const json = new ColumnTextCache();
      const affected: AffectedRecord[] = [];
      // by each record's key (indexed): the affected table has no index by vulnerability
      for (const r of rows) {
        const found = await conn.all(
          `select "a"."ecosystem", ${AFFECTED} from "affected" as "a" where "a"."feed" = ? and "a"."record_id" = ? and "a"."known_to" is null order by "a"."ecosystem", "a"."package"`,
          [r.feed, r.record_id],
        );
        for (const row of found) affected.push(affectedRecord(row[0] as string, row.slice(1), json));
      }
      return {
        vulnerability: mergeVulnerability(canonical, rows),
        records: rows.map((r) => recordSummary(r)),
        affected,
      };
    },

    async kev(cves): Promise<Map<string, string>> {
      const added = new Map<string, string>();
      for (const chunk of chunked(unique(cves.map((c) => c.toUpperCase()))))
        for (const [cve, date] of (await conn.all(
          `select "cve", "date_added" from "kev" where "cve" in ${list(chunk.length)}`,
          chunk,
        )) as [string, string][])
          added.set(cve, toIsoTime(date) ?? date);
      const out = new Map<string, string>();
      for (const c of cves) {
        const date = added.get(c.toUpperCase());
        if (date !== undefined) out.set(c, date);
      }
      return out;
    },

    async epss(cves): Promise<Map<string, number>> {
      const found = new Map<string, number>();
      for (const chunk of chunked(unique(cves.map((c) => c.toUpperCase()))))
        for (const [cve, score] of (await conn.all(
          `select "cve", "score" from "epss" where "cve" in ${list(chunk.length)}`,
          chunk,
        )) as [string, number | string][])
          found.set(cve, Number(score));
      const out = new Map<string, number>();
      for (const c of cves) {
        const score = found.get(c.toUpperCase());
        if (score !== undefined) out.set(c, score);
      }
      return out;
    },

    async history() {
      const rows = (await conn.all(
        `select "known_from_source", case when "known_to" is not null then 'superseded'` +
          ` when "withdrawn" is not null then 'withdrawn' else 'current' end as "state", count(*) as "n"` +
          ` from "affected" group by "known_from_source", "state"`,
      )) as [string, 'current' | 'superseded' | 'withdrawn', string | number][];
      const out: DbHistory = { current: 0, superseded: 0, withdrawn: 0, knownFrom: {} };
      for (const [source, state, count] of rows) {
        const n = toCount(count);
        out[state] += n;
        if (state === 'current') out.knownFrom[source] = (out.knownFrom[source] ?? 0) + n;
      }
      return out;
    },

    async ecosystems(): Promise<Map<string, number>> {
      const rows = (await conn.all(
        'select "ecosystem", count(*) as "n" from "affected" group by "ecosystem" order by "ecosystem"',
      )) as [string, string | number][];
      return new Map(rows.map(([ecosystem, n]) => [ecosystem, toCount(n)]));
    },

    close: () => conn.close(),
  };
}

// one feed's record as the advisory page shows it: its detail JSON's summary, ratings and links
function recordSummary(r: VulnerabilityRow): AdvisoryRecordSummary {
  const detail = fromJsonText<{ summary?: string; severities?: SeverityRating[]; references?: string[] }>(
    r.detail,
    {},
  );
  return {
    feed: r.feed,
    id: r.id,
    ...(detail.summary ? { summary: detail.summary } : {}),
    ...(r.published ? { published: r.published } : {}),
    ...(r.modified ? { modified: r.modified } : {}),
    ...(r.withdrawn ? { withdrawn: r.withdrawn } : {}),
    severities: detail.severities ?? [],
    references: [...new Set(detail.references ?? [])],
  };
}

// an instant given by a library caller: parsed as the CLI parses it (a bare date is the end of
// that UTC day), never compared as raw text
function instantOf(asOf: string): string {
  return parseUserTime(asOf, 'asOf');
}
