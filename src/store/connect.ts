/**
 * The one place where the database dialect is chosen: a file path or `sqlite:PATH` opens SQLite
 * through better-sqlite3, a `postgres://` URL opens a pg Pool. Everything above this file speaks
 * Kysely plus the few helpers of `Store`, so the same code paths run on both.
 */
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import { InputError, errorMessage } from '../errors.js';

export type Dialect = 'sqlite' | 'postgres';
export type Row = Record<string, string | number | null>;

export interface ConnectOptions {
  /** open an existing SQLite file read-only (readers never lock out a concurrent update) */
  readonly?: boolean;
  /** a fresh file written once by a build: no journal, no fsync (the file is renamed in only when complete) */
  bulkLoad?: boolean;
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
  close(): Promise<void>;
}

/** Whether a `--db` value names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Opens a store from a file path, `sqlite:PATH` or `postgres://…` URL. */
export async function connect<DB>(url: string, options: ConnectOptions = {}): Promise<Store<DB>> {
  if (isPostgresUrl(url)) return connectPostgres<DB>(url);
  return connectSqlite<DB>(url.replace(/^sqlite:/i, ''), options);
}

function connectSqlite<DB>(path: string, options: ConnectOptions): Store<DB> {
  let raw: Database.Database;
  try {
    raw = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
  } catch (err) {
    throw new InputError(`cannot open the SQLite database ${path}: ${errorMessage(err)}`, { cause: err });
  }
  if (options.bulkLoad) {
    raw.pragma('journal_mode = OFF');
    raw.pragma('synchronous = OFF');
    raw.pragma('cache_size = -65536');
    raw.pragma('temp_store = MEMORY');
  } else if (options.readonly) {
    // readers scan many small rows at random: map the file instead of copying pages through read()
    raw.pragma('mmap_size = 268435456');
    raw.pragma('cache_size = -32768');
  } else raw.pragma('busy_timeout = 5000');
  const statements = new Map<string, Database.Statement>();
  return {
    dialect: 'sqlite',
    db: new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) }),
    // async so that a constraint error is a rejection, as it is on PostgreSQL
    async bulkInsert(table, rows, opts) {
      const first = rows[0];
      if (!first) return;
      const columns = Object.keys(first);
      const text = insertSql(table, columns, 1, opts?.ignoreConflicts ?? false, () => '?');
      let statement = statements.get(text);
      if (!statement) statements.set(text, (statement = raw.prepare(text)));
      const run = statement;
      // one prepared statement run per row inside one transaction: the fastest path better-sqlite3 offers
      raw.transaction(() => {
        for (const row of rows) run.run(columns.map((c) => row[c] ?? null));
      })();
    },
    async arrays(query) {
      let statement = statements.get(query.sql);
      if (!statement) statements.set(query.sql, (statement = raw.prepare(query.sql)));
      return statement.raw(true).all(...query.parameters) as unknown[][];
    },
    async close() {
      await Promise.resolve();
      raw.close();
    },
  };
}

function connectPostgres<DB>(url: string): Store<DB> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    dialect: 'postgres',
    db,
    async bulkInsert(table, rows, opts) {
      const first = rows[0];
      if (!first) return;
      const columns = Object.keys(first);
      // PostgreSQL takes at most 65535 parameters per statement
      const perStatement = Math.max(1, Math.floor(60000 / columns.length));
      for (let i = 0; i < rows.length; i += perStatement) {
        const chunk = rows.slice(i, i + perStatement);
        let n = 0;
        const text = insertSql(table, columns, chunk.length, opts?.ignoreConflicts ?? false, () => `$${++n}`);
        await pool.query(
          text,
          chunk.flatMap((row) => columns.map((c) => row[c] ?? null)),
        );
      }
    },
    async arrays(query) {
      const result = await pool.query<unknown[]>({
        text: query.sql,
        values: [...query.parameters],
        rowMode: 'array',
      });
      return result.rows;
    },
    async close() {
      await db.destroy();
    },
  };
}

function insertSql(
  table: string,
  columns: string[],
  rows: number,
  ignoreConflicts: boolean,
  param: () => string,
): string {
  const values = Array.from({ length: rows }, () => `(${columns.map(() => param()).join(', ')})`).join(', ');
  const quoted = columns.map((c) => `"${c}"`).join(', ');
  return `INSERT INTO "${table}" (${quoted}) VALUES ${values}${ignoreConflicts ? ' ON CONFLICT DO NOTHING' : ''}`;
}
