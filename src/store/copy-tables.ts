/**
 * Copies whole tables from one Store to another, on any pair of engines: the target's rows of
 * those tables are replaced inside ONE transaction on the target (a reader, or a copy killed
 * halfway, sees the old rows or the new ones, never a mix), and the source is read in chunks
 * so memory stays bounded whatever the size (SQLite: by rowid; PostgreSQL: a cursor).
 */
import { CompiledQuery } from 'kysely';
import type { Row, Store } from './connect.js';
import { toCount } from './sql-values.js';

export interface CopyProgress {
  table: string;
  /** rows of this table copied so far */
  rows: number;
  /** rows of this table in the source */
  total: number;
}

export interface CopyOptions {
  /** rows read and written per chunk (default 5,000) */
  chunkRows?: number;
  onProgress?: (progress: CopyProgress) => void;
}

const ROWID = '__cleanroom_rowid';

/**
 * Replaces the rows of `tables` in `target` with those of `source` in one target transaction;
 * tables are emptied and filled in the order given. Returns the rows copied per table.
 */
export async function copyTables<S, T>(
  source: Store<S>,
  target: Store<T>,
  tables: readonly string[],
  options: CopyOptions = {},
): Promise<Record<string, number>> {
  const chunkRows = options.chunkRows ?? 5000;
  const copied: Record<string, number> = {};
  // one read transaction on the source too: every table comes from the same snapshot
  await source.transaction((from) =>
    target.transaction(async (to) => {
      for (const table of tables) {
        const total = await countRows(from, table);
        // DELETE, not TRUNCATE: TRUNCATE locks readers out on PostgreSQL until the commit
        await to.db.executeQuery(CompiledQuery.raw(`DELETE FROM ${quote(table)}`));
        let rows = 0;
        options.onProgress?.({ table, rows, total });
        for await (const chunk of readChunks(from, table, chunkRows)) {
          await to.bulkInsert(table, chunk);
          rows += chunk.length;
          options.onProgress?.({ table, rows, total });
        }
        copied[table] = rows;
      }
    }),
  );
  return copied;
}

/** The tables of a store (without the engine's own), in creation order on SQLite, by name on PostgreSQL. */
export async function listTables<DB>(store: Store<DB>): Promise<string[]> {
  const text =
    store.dialect === 'sqlite'
      ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid`
      : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const result = await store.db.executeQuery<{ name: string }>(CompiledQuery.raw(text));
  return result.rows.map((r) => r.name);
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function countRows<DB>(store: Store<DB>, table: string): Promise<number> {
  const result = await store.db.executeQuery<{ n: unknown }>(
    CompiledQuery.raw(`SELECT count(*) AS n FROM ${quote(table)}`),
  );
  return toCount(result.rows[0]?.n as string | number | null);
}

// Must run inside a transaction of `store` (PostgreSQL cursors live only in one).
function readChunks<DB>(store: Store<DB>, table: string, size: number): AsyncGenerator<Row[]> {
  return store.dialect === 'postgres' ? readByCursor(store, table, size) : readByRowid(store, table, size);
}

async function* readByCursor<DB>(store: Store<DB>, table: string, size: number): AsyncGenerator<Row[]> {
  const cursor = quote(`copy_${table}`);
  const run = <R>(text: string) => store.db.executeQuery<R>(CompiledQuery.raw(text));
  await run(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT * FROM ${quote(table)}`);
  try {
    for (;;) {
      const { rows } = await run<Row>(`FETCH FORWARD ${size} FROM ${cursor}`);
      if (rows.length === 0) return;
      yield [...rows];
    }
  } finally {
    await run(`CLOSE ${cursor}`);
  }
}

// keyset on rowid: each chunk is a range scan of the table's b-tree, however far into it
async function* readByRowid<DB>(store: Store<DB>, table: string, size: number): AsyncGenerator<Row[]> {
  const text = `SELECT rowid AS ${ROWID}, * FROM ${quote(table)} WHERE rowid > ? ORDER BY rowid LIMIT ${size}`;
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const { rows } = await store.db.executeQuery<Row>(CompiledQuery.raw(text, [after]));
    const last = rows.at(-1);
    if (!last) return;
    after = Number(last[ROWID]);
    yield rows.map(({ [ROWID]: _rowid, ...row }) => row);
  }
}
