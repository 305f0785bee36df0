/**
 * The one place where the database dialect is chosen: a file path or `sqlite:PATH` opens SQLite
 * through better-sqlite3, a `postgres://` URL opens a pg Pool (or uses one handed in). Everything
 * above this file speaks Kysely plus the few helpers of `Store`, so the same code paths run on both.
 */
import type { CompiledQuery, Kysely } from 'kysely';
import type pg from 'pg';
import { connectPostgres } from './postgres-store.js';
import { connectSqlite } from './sqlite-store.js';

export type Dialect = 'sqlite' | 'postgres';
export type Row = Record<string, string | number | null>;

export interface ConnectOptions {
  /** open an existing SQLite file read-only (readers never lock out a concurrent update) */
  readonly?: boolean;
  /** a fresh file written once by a build: no journal, no fsync (the file is renamed in only when complete) */
  bulkLoad?: boolean;
  /**
   * a pg Pool to share (the API server and its workers use one); the store never ends it, so
   * closing the store leaves the pool to its owner
   */
  pool?: pg.Pool;
}

/** A connection: the Kysely instance plus a fast bulk insert, whatever the dialect underneath. */
export interface Store<DB> {
  dialect: Dialect;
  db: Kysely<DB>;
  /** inserts many rows of the same shape; `ignoreConflicts` keeps the first row of a duplicate key */
  bulkInsert(table: string, rows: Row[], options?: { ignoreConflicts?: boolean }): Promise<void>;
  /**
   * Runs a compiled Kysely query and returns its rows as arrays in select order: for hot paths
   * that read tens of thousands of rows, where building one object per row is the main cost.
   */
  arrays(query: CompiledQuery): Promise<unknown[][]>;
  /**
   * Runs `fn` with a store bound to one transaction (its `db`, `bulkInsert` and `arrays` all join
   * it): committed when `fn` resolves, rolled back when it throws. Called on a store that is
   * already bound to a transaction, `fn` simply joins that transaction. Inside `fn`, use only the
   * store it is given: on SQLite the outer store waits for the transaction to end.
   */
  transaction<T>(fn: (store: Store<DB>) => Promise<T>): Promise<T>;
  /** closes the connection (a no-op on a store bound to a transaction, and never ends a shared pool) */
  close(): Promise<void>;
}

/** Whether a `--db` value names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Opens a store from a file path, `sqlite:PATH` or `postgres://…` URL. */
export async function connect<DB>(url: string, options: ConnectOptions = {}): Promise<Store<DB>> {
  if (isPostgresUrl(url)) return connectPostgres<DB>(url, options.pool);
  return connectSqlite<DB>(url.replace(/^sqlite:/i, ''), options);
}
