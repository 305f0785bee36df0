/**
 * The one place where the database dialect is chosen: a file path or `sqlite:PATH` opens SQLite
 * through better-sqlite3, a `postgres://` URL opens a pg Pool (or uses one handed in). Everything
 * above this file speaks Kysely plus the few helpers of `Store`, so the same code paths run on both.
 */
import type { ConnectOptions, Store } from './store-types.js';

export type { ConnectOptions, Dialect, Row, Store } from './store-types.js';

/** Whether a `--db` value names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Opens a store from a file path, `sqlite:PATH` or `postgres://…` URL. */
export async function connect<DB>(url: string, options: ConnectOptions = {}): Promise<Store<DB>> {
  // each dialect's driver (pg, better-sqlite3) is loaded only when a store of it is opened
  if (isPostgresUrl(url)) return (await import('./postgres-store.js')).connectPostgres<DB>(url, options.pool);
  return (await import('./sqlite-store.js')).connectSqlite<DB>(url.replace(/^sqlite:/i, ''), options);
}
