/**
 * What a rebuild carries over from the previous DB, so that an update never loses history: each
 * record's `first_seen`, the signature and known-from of its undated content, the rows that
 * earlier contents left behind (record history), and the records that disappeared from their feed
 * (kept, withdrawn at the new build time, so as-of queries before that still see them).
 */
import { randomBytes } from 'node:crypto';
import { copyFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, errorMessage } from '../../errors.js';
import { connect, isPostgresUrl } from '../../store/connect.js';
import type { Store } from '../../store/connect.js';
import { migrateToLatest } from '../../store/migrate.js';
import { advisoryMigrations } from './migrations/index.js';
import { contentSignature, type PreviousRecord } from './rows.js';
import { SCHEMA_VERSION, type AdvisoryTables, type KnownFromSource } from './schema.js';
import { storedSchemaVersion } from './schema-version.js';

/** The oldest schema whose history a build can carry forward through the migrations. */
const OLDEST_CARRIED = 3;

/** The previous build, open for reading, with what each record said. */
export interface PreviousBuild {
  store: Store<AdvisoryTables>;
  /** by `recordKey`: what the record said (packed; read with `previousRecord`) */
  records: Map<string, string>;
  /** records with rows of earlier contents (closed by a later build) */
  withHistory: Set<string>;
  close(): Promise<void>;
}

/** The key of one record across builds. */
export function recordKey(feed: string, recordId: string): string {
  return `${feed}\0${recordId}`;
}

/** What the previous build said of one record, if it had it. */
export function previousRecord(previous: PreviousBuild | undefined, key: string): PreviousRecord | undefined {
  const packed = previous?.records.get(key);
  if (packed === undefined) return undefined;
  const [firstSeen, signature, knownFrom, source] = packed.split('\0') as [string, string, string, string];
  return { firstSeen, signature, knownFrom, source: source as KnownFromSource };
}

/**
 * Opens the DB a build replaces and reads what it said. None there (no file, an empty server):
 * undefined. A DB of an older schema is read through a migrated copy (a server is migrated in
 * place). Anything unreadable is an error that names it: a silent fresh start would lose history.
 */
export async function readPreviousBuild(pathOrUrl: string): Promise<PreviousBuild | undefined> {
  const file = pathOrUrl.replace(/^sqlite:/i, '');
  const postgres = isPostgresUrl(pathOrUrl);
  if (!postgres && !existsSync(file)) return undefined;
  let copy: string | undefined;
  let store: Store<AdvisoryTables> | undefined;
  try {
    store = await connect<AdvisoryTables>(pathOrUrl, { readonly: !postgres });
    const stored = await storedSchemaVersion(store);
    if (stored === undefined) {
      // a server with no tables, or the schema of a first load killed before its meta row: no build yet
      if (postgres && (!(await hasTables(store)) || (await emptyMeta(store)))) {
        await store.close();
        return undefined;
      }
      throw new InputError(
        `${pathOrUrl} is not a cleanroom advisory DB, so a build cannot carry its history; move it away or build into another --db`,
      );
    }
    const version = Number(stored);
    if (!(version >= OLDEST_CARRIED && version <= SCHEMA_VERSION))
      throw new InputError(
        `${pathOrUrl} has advisory DB schema ${stored}, whose history this cleanroom cannot carry (it reads ${OLDEST_CARRIED} to ${SCHEMA_VERSION}); move it away to start a new history`,
      );
    if (version < SCHEMA_VERSION) {
      if (!postgres) {
        await store.close();
        copy = join(tmpdir(), `cleanroom-previous-${randomBytes(6).toString('hex')}.db`);
        await copyFile(file, copy);
        store = await connect<AdvisoryTables>(copy);
      }
      await migrateToLatest(store.db, advisoryMigrations, `${pathOrUrl} (the previous build)`);
    }
    const { records, withHistory } = await readRecords(store);
    const open = store;
    return {
      store: open,
      records,
      withHistory,
      async close() {
        await open.close();
        if (copy) await rm(copy, { force: true });
      },
    };
  } catch (err) {
    await store?.close().catch(() => undefined);
    if (copy) await rm(copy, { force: true });
    if (err instanceof InputError) throw err;
    throw new InputError(
      `cannot read the previous advisory DB ${pathOrUrl} to carry its history: ${errorMessage(err)}`,
      { cause: err },
    );
  }
}

async function emptyMeta(store: Store<AdvisoryTables>): Promise<boolean> {
  const row = await store.db
    .selectFrom('meta')
    .select('key')
    .executeTakeFirst()
    .catch(() => ({ key: 'unreadable' }));
  return row === undefined;
}

async function hasTables(store: Store<AdvisoryTables>): Promise<boolean> {
  const tables = await store.db.introspection.getTables();
  return tables.some((t) => t.name === 'vulnerability' || t.name === 'affected');
}

async function readRecords(
  store: Store<AdvisoryTables>,
): Promise<{ records: Map<string, string>; withHistory: Set<string> }> {
  const records = new Map<string, string>();
  for (const [feed, recordId, firstSeen] of (await store.arrays(
    store.db.selectFrom('vulnerability').select(['feed', 'record_id', 'first_seen']).compile(),
  )) as [string, string, string][])
    records.set(recordKey(feed, recordId), `${firstSeen}\0\0${firstSeen}\0first-build`);
  const withHistory = new Set<string>();
  const rows = (await store.arrays(
    store.db
      .selectFrom('affected')
      .select([
        'feed',
        'record_id',
        'ecosystem',
        'package',
        'fix_state',
        'fixed_version',
        'fixed_at',
        'detail',
        'known_from',
        'known_from_source',
        'known_to',
      ])
      .where('known_from_source', '!=', 'event')
      .compile(),
  )) as (string | null)[][];
  const current = new Map<
    string,
    { rows: Parameters<typeof contentSignature>[0][number][]; from: string; source: string }
  >();
  for (const [
    feed,
    recordId,
    ecosystem,
    pkg,
    fixState,
    fixedVersion,
    fixedAt,
    detail,
    from,
    source,
    to,
  ] of rows) {
    const key = recordKey(feed!, recordId!);
    if (to !== null && to !== undefined) {
      withHistory.add(key);
      continue;
    }
    const entry = current.get(key) ?? { rows: [], from: from!, source: source! };
    entry.rows.push({
      ecosystem: ecosystem!,
      package: pkg!,
      fix_state: fixState!,
      fixed_version: fixedVersion ?? null,
      fixed_at: fixedAt ?? null,
      detail: detail ?? null,
    });
    current.set(key, entry);
  }
  for (const [key, entry] of current) {
    const firstSeen = records.get(key)?.split('\0')[0] ?? entry.from;
    records.set(key, `${firstSeen}\0${contentSignature(entry.rows)}\0${entry.from}\0${entry.source}`);
  }
  return { records, withHistory };
}
