/**
 * The PostgreSQL side of `Store`, over a pg Pool (its own, or one handed in and never ended
 * here). Every query, Kysely's and the raw ones of `bulkInsert` and `arrays`, goes through one
 * place that turns connection failures into `UnavailableError`; inside `transaction` all of them
 * run on the transaction's one client.
 */
import { Kysely, PostgresDialect } from 'kysely';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Store } from './store-types.js';
import { postgresError } from './postgres-errors.js';

type Run = (text: string, values: unknown[], rowMode?: 'array') => Promise<unknown[]>;

/** Opens a Store on a PostgreSQL URL, or on `shared` (a pool its owner ends) when given. */
export function connectPostgres<DB>(url: string, shared?: pg.Pool): Store<DB> {
  const pool = shared ?? new pg.Pool({ connectionString: url, max: 4 });
  // an idle client whose server went away emits 'error' on the pool; unhandled, it kills the
  // process. The next query reports the failure as UnavailableError instead.
  if (!shared) pool.on('error', () => undefined);
  const fail = (err: unknown): never => {
    throw postgresError(err, url);
  };
  const guarded: PostgresPool = {
    async connect() {
      const client = await pool.connect().catch(fail);
      return guardClient(client, fail, (destroy) => client.release(destroy));
    },
    // a shared pool belongs to its owner: closing this store must not end it
    end: async () => (shared ? undefined : pool.end()),
  };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: guarded }) });
  const run: Run = async (text, values, rowMode) =>
    (await pool.query<never>({ text, values, ...(rowMode ? { rowMode } : {}) }).catch(fail)).rows;
  return postgresStore(db, run, {
    transaction: (fn) => inTransaction(pool, fail, fn),
    close: () => db.destroy(),
  });
}

function guardClient(
  client: pg.PoolClient,
  fail: (err: unknown) => never,
  release: (destroy?: boolean) => void,
): PostgresPoolClient {
  const query = (...args: unknown[]): unknown => {
    const result = (client.query as (...a: unknown[]) => unknown)(...args);
    // a cursor comes back as itself, a query as a promise
    return result instanceof Promise ? result.catch(fail) : result;
  };
  return { query: query as PostgresPoolClient['query'], release };
}

// One client checked out for the whole transaction: Kysely's queries and the raw ones share it.
async function inTransaction<DB, T>(
  pool: pg.Pool,
  fail: (err: unknown) => never,
  fn: (store: Store<DB>) => Promise<T>,
): Promise<T> {
  const client = await pool.connect().catch(fail);
  // Kysely releases its connection after commit or rollback; the client goes back to the pool
  // only below, once, and is destroyed when the transaction could not end cleanly
  const single: PostgresPool = {
    connect: async () => guardClient(client, fail, () => undefined),
    end: async () => undefined,
  };
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool: single }) });
  let broken = false;
  try {
    const trx = await kysely
      .startTransaction()
      .execute()
      .catch((err: unknown) => {
        broken = true;
        throw err;
      });
    const run: Run = async (text, values, rowMode) =>
      (await client.query<never>({ text, values, ...(rowMode ? { rowMode } : {}) }).catch(fail)).rows;
    const bound: Store<DB> = postgresStore(trx, run, {
      transaction: (inner) => inner(bound),
      close: async () => undefined,
    });
    try {
      const result = await fn(bound);
      await trx.commit().execute();
      return result;
    } catch (err) {
      await trx
        .rollback()
        .execute()
        .catch(() => {
          broken = true;
        });
      throw err;
    }
  } finally {
    client.release(broken);
    await kysely.destroy();
  }
}

// Rows travel as ONE json parameter expanded by the server into the table's own row type: parsing
// one JSON value is several times faster than binding tens of thousands of parameters, and no
// statement comes near PostgreSQL's 65,535-parameter limit whatever the column count.
const ROWS_PER_STATEMENT = 5000;

function jsonInsertSql(table: string, columns: string[], ignoreConflicts: boolean): string {
  const quoted = columns.map((c) => `"${c}"`).join(', ');
  return `INSERT INTO "${table}" (${quoted}) SELECT ${quoted} FROM json_populate_recordset(NULL::"${table}", $1::json)${ignoreConflicts ? ' ON CONFLICT DO NOTHING' : ''}`;
}

function postgresStore<DB>(
  db: Kysely<DB>,
  run: Run,
  own: Pick<Store<DB>, 'transaction' | 'close'>,
): Store<DB> {
  return {
    dialect: 'postgres',
    db,
    async bulkInsert(table, rows, opts) {
      const first = rows[0];
      if (!first) return;
      // several statements are one write only inside one transaction
      if (rows.length > ROWS_PER_STATEMENT && !db.isTransaction)
        return own.transaction((bound) => bound.bulkInsert(table, rows, opts));
      const text = jsonInsertSql(table, Object.keys(first), opts?.ignoreConflicts ?? false);
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
        await run(text, [JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT))]);
    },
    async arrays(query) {
      return (await run(query.sql, [...query.parameters], 'array')) as unknown[][];
    },
    ...own,
  };
}
