/**
 * The shape of a store, whatever the dialect underneath: what `connect.ts` returns and what the
 * SQLite and PostgreSQL stores implement. Apart from `connect.ts` so that the two stores need not
 * import the file that chooses between them.
 */
import type { CompiledQuery, Kysely } from 'kysely';
import type pg from 'pg';

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
