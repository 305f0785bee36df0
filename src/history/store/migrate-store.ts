/**
 * `store migrate`: moves a team's history from one store to another (SQLite → PostgreSQL) without
 * loss. The target is migrated to the same schema, every history table is copied in one target
 * transaction, and then each table's row count and a checksum of its rows (sorted, so the engines'
 * row orders do not matter) are compared; any difference is an error and names the table.
 */
import { createHash } from 'node:crypto';
import { ConflictError } from '../../errors.js';
import type { Store } from '../../store/connect.js';
import { copyTables, listTables } from '../../store/copy-tables.js';
import { openHistoryStore } from './open.js';

/** The tables of the history store, parents first (the order they are filled in). */
const TABLES = [
  'image',
  'tag',
  'tag_digest',
  'digest',
  'observation',
  'setting',
  'api_token',
  'watch',
  'series_segment',
  'series_state',
];

export interface MigratedTable {
  table: string;
  rows: number;
  checksum: string;
}

/** Copies every history table from `from` to `to`, then checks both hold the same rows. */
export async function migrateStore(from: string, to: string): Promise<MigratedTable[]> {
  const source = await openHistoryStore(from, { existing: true });
  try {
    const target = await openHistoryStore(to);
    try {
      const present = new Set(await listTables(source));
      const tables = TABLES.filter((t) => present.has(t));
      await copyTables(source, target, tables);
      const out: MigratedTable[] = [];
      for (const table of tables) {
        const [a, b] = [await tableChecksum(source, table), await tableChecksum(target, table)];
        if (a.rows !== b.rows || a.checksum !== b.checksum)
          throw new ConflictError(
            `store migrate: table ${table} differs after the copy (${a.rows} rows in ${from}, ${b.rows} in the target)`,
          );
        out.push({ table, ...a });
      }
      return out;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** Row count and an order-free checksum of one table: each row as JSON of its values as text. */
export async function tableChecksum<DB>(
  store: Store<DB>,
  table: string,
): Promise<{ rows: number; checksum: string }> {
  const rows = (await store.db
    .selectFrom(table as never)
    .selectAll()
    .execute()) as Record<string, unknown>[];
  const lines = rows
    .map((r) =>
      JSON.stringify(
        Object.keys(r)
          .sort()
          .map((k) => (r[k] === null || r[k] === undefined ? null : String(r[k]))),
      ),
    )
    .sort();
  return { rows: rows.length, checksum: createHash('sha256').update(lines.join('\n')).digest('hex') };
}
