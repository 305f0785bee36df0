/**
 * Opens the history store: its own database, apart from the advisory DB (which is rebuilt and
 * swapped whole). A file path (default: the user's data folder) is SQLite, `postgres://…` is
 * PostgreSQL; the same migrations run on both.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import type pg from 'pg';
import { NotFoundError } from '../../errors.js';
import { connect, isPostgresUrl, type Store } from '../../store/connect.js';
import { migrateToLatest } from '../../store/migrate.js';
import { historyMigrations } from './migrations/index.js';
import type { HistoryTables } from './schema.js';

export type HistoryStore = Store<HistoryTables>;

/** Where the history store lives by default: $XDG_DATA_HOME/cleanroom/history.db (~/.local/share/…). */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  const data = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(data, 'cleanroom', 'history.db');
}

/** How to open the store: readers refuse a missing file; `readonly` readers also map it read-only. */
export interface OpenOptions {
  /** refuse a missing SQLite file in one sentence rather than leave an empty one behind */
  existing?: boolean;
  /**
   * open SQLite read-only with mmap (implies `existing`): a fresh connection per call then reads
   * pages from the OS cache without copying them, which is most of a history call's time
   */
  readonly?: boolean;
  /**
   * a pg Pool to open a postgres:// store on (a worker process shares one between its queue and
   * its store); closing the store leaves the pool to its owner
   */
  pool?: pg.Pool;
}

/** Opens the history store at a path or URL, migrating it to the newest schema when needed. */
export async function openHistoryStore(
  url: string = defaultStorePath(),
  options: OpenOptions = {},
): Promise<HistoryStore> {
  const file = url.replace(/^sqlite:/i, '');
  const postgres = isPostgresUrl(url);
  if (!postgres) {
    if ((options.existing || options.readonly) && !existsSync(file))
      throw new NotFoundError(
        `there is no history store at ${file} (record images with cleanroom track first)`,
      );
    mkdirSync(dirname(file), { recursive: true });
  }
  if (options.readonly && !postgres) {
    const reader = await connect<HistoryTables>(url, { readonly: true });
    if (await isCurrent(reader)) return reader;
    await reader.close(); // an older schema: migrate through a writable connection first
  }
  const store = await connect<HistoryTables>(url, postgres && options.pool ? { pool: options.pool } : {});
  try {
    if (!(await isCurrent(store)))
      await migrateToLatest(store.db, historyMigrations, postgres ? 'at the PostgreSQL URL' : file);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

// one query instead of the Migrator's bookkeeping on every open: history and compare are read
// many times a minute by the console, and the migrations have almost always run already
async function isCurrent(store: HistoryStore): Promise<boolean> {
  try {
    const { rows } = await sql<{
      name: string;
    }>`SELECT name FROM ${sql.table(historyMigrations.table)}`.execute(store.db);
    const done = new Set(rows.map((r) => r.name));
    return Object.keys(historyMigrations.migrations).every((name) => done.has(name));
  } catch {
    return false;
  }
}

/** Runs `fn` with the store open, closing it afterwards whatever happens. */
export async function withHistoryStore<T>(
  url: string | undefined,
  options: OpenOptions,
  fn: (store: HistoryStore) => Promise<T>,
): Promise<T> {
  const store = await openHistoryStore(url, options);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
