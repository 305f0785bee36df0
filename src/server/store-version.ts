/**
 * A token that changes whenever the history store may have changed, whoever wrote to it: what
 * lets the server keep answers in memory and still never serve one the store no longer gives.
 *
 * - SQLite: `data_version` changes when another connection (a `cleanroom track` in another
 *   process) commits; `total_changes()` counts the rows this connection (the server's own
 *   writes) changed. https://www.sqlite.org/pragma.html#pragma_data_version
 * - PostgreSQL: the text of the current snapshot (xmin:xmax:in-progress ids) changes when any
 *   transaction that wrote commits, aborts or starts writing, in any database of the server: a
 *   coarse token, never a stale one. https://www.postgresql.org/docs/current/functions-info.html
 */
import { CompiledQuery } from 'kysely';
import type { HistoryStore } from '../history/store/open.js';

const QUERIES = {
  sqlite: CompiledQuery.raw('SELECT total_changes(), data_version FROM pragma_data_version'),
  postgres: CompiledQuery.raw('SELECT pg_current_snapshot()::text'),
};

/** The store's current version token, or undefined when it cannot be told (then nothing is cached). */
export async function storeVersion(store: HistoryStore): Promise<string | undefined> {
  try {
    const [row] = await store.arrays(QUERIES[store.dialect]);
    return row?.join(':');
  } catch {
    return undefined; // a PostgreSQL older than 13 has no pg_current_snapshot
  }
}
