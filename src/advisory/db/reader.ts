/**
 * The advisory DB reader the matcher uses: every lookup is batched (IN lists of ~500), so
 * matching an image is a handful of indexed queries, on SQLite or PostgreSQL alike.
 */
import { existsSync } from 'node:fs';
import { InputError, NotFoundError } from '../../errors.js';
import { reopenOnSwap } from './reopen-on-swap.js';
import { connect, isPostgresUrl, type Store } from '../../store/connect.js';
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
import { SCHEMA_VERSION, type AdvisoryTables } from './schema.js';
import { storedSchemaVersion } from './schema-version.js';
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
  const store = await connect<AdvisoryTables>(pathOrUrl, { readonly: true });
  const { db } = store;
  await checkSchema(store, pathOrUrl);
  const unique = (items: string[]) => [...new Set(items)];

  return {
    async meta(): Promise<DbMeta> {
      const meta = await db
        .selectFrom('meta')
        .selectAll()
        .execute()
        .catch(() => {
          throw new InputError(`${pathOrUrl} is not a cleanroom advisory DB`);
        });
      const value = (key: string) => meta.find((m) => m.key === key)?.value;
      const feeds = await db.selectFrom('feed').selectAll().orderBy('name').execute();
      return {
        schemaVersion: Number(value('schema_version') ?? 0),
        builtAt: value('built_at') ?? '',
        feeds: feeds.map((f) => ({
          name: f.name,
          version: f.version,
          fetchedAt: f.fetched_at,
          records: toCount(f.records),
          source: f.source,
        })),
      };
    },

    async affected(ecosystem, packages, options): Promise<AffectedRecord[]> {
      const asOf = options?.asOf === undefined ? undefined : instantOf(options.asOf);
      const out: AffectedRecord[] = [];
      const json = new ColumnTextCache();
      for (const names of chunked(unique(packages.map((p) => packageKey(ecosystem, p))))) {
        // the handle row carries the aliases: one indexed range scan, no join
        let query = db
          .selectFrom('affected as a')
          .select(AFFECTED_COLUMNS)
          .where('a.ecosystem', '=', ecosystem)
          .where('a.package', 'in', names);
        // as of an instant: the rows that held then; by default: the ones that hold now
        if (asOf)
          query = query
            .where('a.known_from', '<=', asOf)
            .where((eb) => eb.or([eb('a.known_to', 'is', null), eb('a.known_to', '>', asOf)]))
            .where((eb) => eb.or([eb('a.withdrawn', 'is', null), eb('a.withdrawn', '>', asOf)]));
        else if (!options?.allTimes)
          query = query.where('a.known_to', 'is', null).where('a.withdrawn', 'is', null);
        for (const row of await store.arrays(query.compile())) out.push(affectedRecord(ecosystem, row, json));
      }
      return out;
    },

    async vulnerabilities(ids): Promise<Map<string, VulnerabilityRecord>> {
      const canonicalOf = new Map<string, string[]>();
      for (const chunk of chunked(unique(ids))) {
        const rows = await db.selectFrom('alias').selectAll().where('alias', 'in', chunk).execute();
        for (const r of rows)
          canonicalOf.set(r.alias, [...(canonicalOf.get(r.alias) ?? []), r.vulnerability]);
      }
      const byCanonical = new Map<string, VulnerabilityRow[]>();
      for (const chunk of chunked(unique([...canonicalOf.values()].flat()))) {
        const query = db
          .selectFrom('vulnerability')
          .select(VULNERABILITY_COLUMNS)
          .where('vulnerability', 'in', chunk);
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
        for (const cells of (await store.arrays(query.compile())) as Cells[]) {
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
      const alias = await db
        .selectFrom('alias')
        .select('vulnerability')
        .where('alias', '=', id)
        .orderBy('vulnerability')
        .executeTakeFirst();
      if (!alias) return undefined;
      const canonical = alias.vulnerability;
      const rows = await db
        .selectFrom('vulnerability')
        .select(['record_id', ...VULNERABILITY_COLUMNS])
        .where('vulnerability', '=', canonical)
        .orderBy('feed')
        .orderBy('id')
        .execute();
      const json = new ColumnTextCache();
      const affected: AffectedRecord[] = [];
      // by each record's key (indexed): the affected table has no index by vulnerability
      for (const r of rows) {
        const query = db
          .selectFrom('affected as a')
          .select(['a.ecosystem', ...AFFECTED_COLUMNS])
          .where('a.feed', '=', r.feed)
          .where('a.record_id', '=', r.record_id)
          .where('a.known_to', 'is', null)
          .orderBy('a.ecosystem')
          .orderBy('a.package');
        for (const row of await store.arrays(query.compile()))
          affected.push(affectedRecord(row[0] as string, row.slice(1), json));
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
        for (const r of await db
          .selectFrom('kev')
          .select(['cve', 'date_added'])
          .where('cve', 'in', chunk)
          .execute())
          added.set(r.cve, toIsoTime(r.date_added) ?? r.date_added);
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
        for (const r of await db
          .selectFrom('epss')
          .select(['cve', 'score'])
          .where('cve', 'in', chunk)
          .execute())
          found.set(r.cve, Number(r.score));
      const out = new Map<string, number>();
      for (const c of cves) {
        const score = found.get(c.toUpperCase());
        if (score !== undefined) out.set(c, score);
      }
      return out;
    },

    async history() {
      const rows = await db
        .selectFrom('affected')
        .select((eb) => [
          'known_from_source',
          eb
            .case()
            .when('known_to', 'is not', null)
            .then('superseded')
            .when('withdrawn', 'is not', null)
            .then('withdrawn')
            .else('current')
            .end()
            .as('state'),
          eb.fn.countAll<string | number>().as('n'),
        ])
        .groupBy(['known_from_source', 'state'])
        .execute();
      const out: DbHistory = { current: 0, superseded: 0, withdrawn: 0, knownFrom: {} };
      for (const r of rows) {
        const n = toCount(r.n);
        const state = r.state as 'current' | 'superseded' | 'withdrawn';
        out[state] += n;
        if (state === 'current')
          out.knownFrom[r.known_from_source] = (out.knownFrom[r.known_from_source] ?? 0) + n;
      }
      return out;
    },

    async ecosystems(): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('affected')
        .select((eb) => ['ecosystem', eb.fn.countAll<string | number>().as('n')])
        .groupBy('ecosystem')
        .orderBy('ecosystem')
        .execute();
      return new Map(rows.map((r) => [r.ecosystem, toCount(r.n)]));
    },

    close: () => store.close(),
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

/** Refuses, in one sentence, a file that is not an advisory DB or one of another schema. */
async function checkSchema(store: Store<AdvisoryTables>, name: string): Promise<void> {
  const stored = await storedSchemaVersion(store);
  if (Number(stored) === SCHEMA_VERSION) return;
  await store.close();
  if (stored === undefined) throw new InputError(`${name} is not a cleanroom advisory DB`);
  throw new InputError(
    `${name} has advisory DB schema ${stored}, and this cleanroom reads schema ${SCHEMA_VERSION}; rebuild it with "cleanroom db build" or "cleanroom db update"`,
  );
}
