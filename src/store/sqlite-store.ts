/**
 * The SQLite side of `Store`, over better-sqlite3: one connection per store. Writers use WAL so
 * that readers (other processes included) never wait for a write, and start their transactions
 * with BEGIN IMMEDIATE so that two writers queue on `busy_timeout` instead of failing midway.
 */
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver } from 'kysely';
import type { DatabaseConnection, Driver } from 'kysely';
import { existsSync } from 'node:fs';
import { InputError, NotFoundError, errorMessage } from '../errors.js';
import type { ConnectOptions, Store } from './store-types.js';
import { insertSql } from './insert-sql.js';

// Kysely opens transactions with a deferred BEGIN; a deferred writer that meets another writer
// gets SQLITE_BUSY at its first write, which busy_timeout cannot wait out in WAL mode
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class WriterSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteDatabase) {
    super({ database });
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

type SqliteDatabase = ConstructorParameters<typeof SqliteDialect>[0]['database'] & object;

// Kysely prepares every query it runs; a refresh or a page runs the same few texts thousands of
// times, and preparing is most of a small query's cost. better-sqlite3 statements are synchronous
// and reusable (nothing here streams, so none is busy when asked again): keep the recent ones.
const STATEMENTS_KEPT = 256;
function withStatementCache(raw: Database.Database): SqliteDatabase {
  const kept = new Map<string, Database.Statement>();
  return {
    close: () => raw.close(),
    prepare(sql: string) {
      let statement = kept.get(sql);
      if (statement) kept.delete(sql);
      else {
        statement = raw.prepare(sql);
        if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
      }
      kept.set(sql, statement); // most recent last
      return statement;
    },
  };
}

/** Opens a SQLite file (or `:memory:`) as a Store. */
export function connectSqlite<DB>(path: string, options: ConnectOptions): Store<DB> {
  let raw: Database.Database;
  try {
    raw = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
  } catch (err) {
    const message = `cannot open the SQLite database ${path}: ${errorMessage(err)}`;
    if (options.readonly && !existsSync(path)) throw new NotFoundError(message, { cause: err });
    throw new InputError(message, { cause: err });
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
  } else {
    raw.pragma('busy_timeout = 5000');
    raw.pragma('journal_mode = WAL');
    // in WAL mode NORMAL loses no integrity on a crash, only the last commits at a power cut
    raw.pragma('synchronous = NORMAL');
  }
  const writer = !options.readonly && !options.bulkLoad;
  const db = new Kysely<DB>({
    dialect: writer
      ? new WriterSqliteDialect(withStatementCache(raw))
      : new SqliteDialect({ database: withStatementCache(raw) }),
  });
  return sqliteStore(db, raw, new Map(), false);
}

function sqliteStore<DB>(
  db: Kysely<DB>,
  raw: Database.Database,
  statements: Map<string, Database.Statement>,
  inTransaction: boolean,
): Store<DB> {
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = raw.prepare(text)));
    return statement;
  };
  const store: Store<DB> = {
    dialect: 'sqlite',
    db,
    // async so that a constraint error is a rejection, as it is on PostgreSQL
    async bulkInsert(table, rows, opts) {
      const first = rows[0];
      if (!first) return;
      const columns = Object.keys(first);
      const run = prepared(insertSql(table, columns, 1, opts?.ignoreConflicts ?? false, () => '?'));
      // one prepared statement run per row inside one transaction: the fastest path better-sqlite3
      // offers; inside an open transaction better-sqlite3 makes this a savepoint of it
      raw.transaction(() => {
        for (const row of rows) run.run(columns.map((c) => row[c] ?? null));
      })();
    },
    async arrays(query) {
      return prepared(query.sql)
        .raw(true)
        .all(...query.parameters) as unknown[][];
    },
    async transaction(fn) {
      if (inTransaction) return fn(store);
      // the raw statements run on the same single connection, so they are inside this transaction
      const trx = await db.startTransaction().execute();
      try {
        const result = await fn(sqliteStore(trx, raw, statements, true));
        await trx.commit().execute();
        return result;
      } catch (err) {
        // the error that made us roll back is the one to report, not a failed rollback
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
        throw err;
      }
    },
    async close() {
      if (inTransaction) return;
      await Promise.resolve();
      raw.close();
    },
  };
  return store;
}
