/**
 * `db build` into a file: reads every source through its feed into a NEW SQLite file beside the
 * target and renames it over the target only when complete, so a failed build never touches the
 * old DB. `build.ts` chooses between this and a PostgreSQL target (`postgres-target.ts`, which
 * builds through a file with this module).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { sql } from 'kysely';
import { InputError } from '../../errors.js';
import type { Warning } from '../../errors.js';
import { connect } from '../../store/connect.js';
import type { Store } from '../../store/connect.js';
import { migrateToLatest } from '../../store/migrate.js';
import type { Feed } from '../feeds/types.js';
import { registeredFeeds, resolveFeed } from './feed-lookup.js';
import { ingestSource } from './ingest.js';
import type { IngestProgress, ResolvedSource } from './ingest.js';
import { advisoryMigrations } from './migrations/index.js';
import { carryHistory, type Carried } from './carry-history.js';
import { readPreviousBuild } from './previous.js';
import type { PreviousBuild } from './previous.js';
import { datePublishedFromAliases } from './known-from-aliases.js';
import { SCHEMA_VERSION } from './schema.js';
import type { AdvisoryTables } from './schema.js';
import type { DbMeta, FeedStatus } from './types.js';

export interface BuildSource {
  /** the feed name; detected from the content when absent */
  feed?: string;
  path: string;
  url?: string;
  fetchedAt?: string;
  etag?: string;
  lastModified?: string;
}

export interface BuildOptions {
  sources: BuildSource[];
  out: string;
  onProgress?: (progress: IngestProgress) => void;
  onWarning?: (warning: Warning) => void;
  /** the feeds to choose from (default: the feed registry) */
  feeds?: ReadonlyMap<string, Feed>;
  /** the build time (default: now); tests pin it to replay history */
  now?: string;
  /**
   * the DB whose history this build carries forward (default: `out`); a PostgreSQL target is
   * built into a file beside it first, with the server as its previous DB
   */
  previousDb?: string;
}

export interface BuildResult extends DbMeta {
  /** records that disappeared from their feed since the previous DB, now withdrawn */
  withdrawn: number;
  /** records whose content changed since the previous DB: their old rows were kept, closed now */
  changed: number;
  seconds: number;
}

/** Builds (or rebuilds, keeping history) the advisory DB file `out` from local sources. */
export async function buildAdvisoryDbFile(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const now = options.now ?? new Date().toISOString();
  const feeds = options.feeds ?? (await registeredFeeds());
  const resolved: ResolvedSource[] = [];
  for (const source of options.sources) {
    if (!existsSync(source.path)) throw new InputError(`the advisory source ${source.path} does not exist`);
    resolved.push({ ...source, feed: await resolveFeed(feeds, source.path, source.feed) });
  }
  if (resolved.length === 0) throw new InputError('no advisory source given; pass --source [FEED=]PATH');
  await mkdir(dirname(options.out), { recursive: true });
  const previousDb = options.previousDb ?? options.out;
  const previous = await readPreviousBuild(previousDb);
  const temp = join(dirname(options.out), `.${basename(options.out)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const store = await connect<AdvisoryTables>(temp, { bulkLoad: true });
    let meta: DbMeta;
    let carried: Carried;
    try {
      ({ meta, carried } = await writeBuild(store, resolved, { ...options, now, previous }));
      await finishSqlite(store);
    } finally {
      await store.close();
    }
    await rename(temp, options.out);
    return {
      ...meta,
      withdrawn: carried.withdrawn,
      changed: carried.closed,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  } finally {
    await previous?.close();
  }
}

/** Writes a whole build into a migrated-or-empty store (SQLite file or PostgreSQL). */
export async function writeBuild(
  store: Store<AdvisoryTables>,
  sources: ResolvedSource[],
  options: Pick<BuildOptions, 'onProgress' | 'onWarning'> & {
    now: string;
    /** the previous build, whose history this one carries forward */
    previous?: PreviousBuild;
  },
): Promise<{ meta: DbMeta; carried: Carried }> {
  await migrateToLatest(store.db, advisoryMigrations, 'being built');
  // the migration bookkeeping records the wall clock: the build time makes equal builds equal bytes
  await sql`UPDATE advisory_migration SET timestamp = ${options.now}`.execute(store.db);
  // one transaction: a build written straight into a server is all or nothing
  return store.transaction(async (trx) => {
    const seen = new Set<string>();
    const changed = new Set<string>();
    const statuses: (FeedStatus & { etag?: string; lastModified?: string })[] = [];
    for (const source of sources) {
      const status = await ingestSource(trx, source, { ...options, seen, changed });
      statuses.push({ ...status, etag: source.etag, lastModified: source.lastModified });
    }
    const feedNames = [...new Set(statuses.map((s) => s.name))];
    const carried = options.previous
      ? await carryHistory(options.previous, trx, { feeds: feedNames, seen, changed, now: options.now })
      : { withdrawn: 0, closed: 0, history: 0 };
    await datePublishedFromAliases(trx);
    const feeds = mergeStatuses(statuses);
    await trx.bulkInsert(
      'feed',
      feeds.map((f) => ({
        name: f.name,
        source: f.source,
        version: f.version,
        fetched_at: f.fetchedAt,
        etag: f.etag ?? null,
        last_modified: f.lastModified ?? null,
        records: f.records,
      })),
    );
    await trx.bulkInsert('meta', [
      { key: 'schema_version', value: String(SCHEMA_VERSION) },
      { key: 'built_at', value: options.now },
    ]);
    return { meta: { schemaVersion: SCHEMA_VERSION, builtAt: options.now, feeds }, carried };
  });
}

// several sources of one feed (e.g. two mirrors' folders) become one feed row
function mergeStatuses<T extends FeedStatus>(statuses: T[]): T[] {
  const byName = new Map<string, T>();
  for (const s of statuses) {
    const prior = byName.get(s.name);
    if (!prior) byName.set(s.name, { ...s });
    else
      byName.set(s.name, {
        ...prior,
        records: prior.records + s.records,
        source: `${prior.source} ${s.source}`,
        version: s.version > prior.version ? s.version : prior.version,
      });
  }
  return [...byName.values()];
}

// a finished file is read-mostly: a single file (no WAL beside it) with planner statistics
async function finishSqlite(store: Store<AdvisoryTables>): Promise<void> {
  await sql`ANALYZE`.execute(store.db);
  await sql`PRAGMA journal_mode = DELETE`.execute(store.db);
}
