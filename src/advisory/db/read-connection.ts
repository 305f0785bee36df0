/**
 * The advisory DB reader's connection (reader.ts): plain SQL with `?` placeholders, rows as arrays
 * in select order. A SQLite file is read with better-sqlite3 directly (no Kysely on a scan's
 * path); PostgreSQL goes through the store, its placeholders numbered.
 */
import { existsSync } from 'node:fs';
import { InputError, NotFoundError, errorMessage } from '../../errors.js';
import { SCHEMA_VERSION } from './schema.js';

/** The reader's one need of a database: run a query, get its rows as arrays in select order. */
export interface ReadConnection {
  /** `sql` with `?` placeholders, one per value of `params` */
  all(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
  close(): Promise<void>;
}

/** `"a"."b", "c"` for a select list: identifiers quoted as both dialects read them. */
export const columns = (names: readonly string[], table?: string): string =>
  names.map((n) => (table ? `"${table}"."${n}"` : `"${n}"`)).join(', ');

/** `(?, ?, …)` for an IN list of n values. */
export const list = (n: number): string => `(${Array.from({ length: n }, () => '?').join(', ')})`;

/** A read-only SQLite connection, as the store opens one for readers (src/store/sqlite-store.ts). */
export async function openSqlite(path: string): Promise<ReadConnection> {
  const { default: Database } = await import('better-sqlite3');
  let raw: InstanceType<typeof Database>;
  try {
    raw = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    const message = `cannot open the SQLite database ${path}: ${errorMessage(err)}`;
    if (!existsSync(path)) throw new NotFoundError(message, { cause: err });
    throw new InputError(message, { cause: err });
  }
  // readers scan many small rows at random: map the file instead of copying pages through read()
  raw.pragma('mmap_size = 268435456');
  raw.pragma('cache_size = -32768');
  const statements = new Map<string, { all(...params: unknown[]): unknown }>();
  return {
    // async so that an SQL error is a rejection, as it is on PostgreSQL
    async all(sql, params = []) {
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = raw.prepare(sql).raw(true)));
      return statement.all(...(params as unknown[])) as unknown[][];
    },
    async close() {
      raw.close();
    },
  };
}

/** PostgreSQL through the store (its pool, its errors), the placeholders numbered. */
export async function openPostgres(url: string): Promise<ReadConnection> {
  const [{ connect }, { CompiledQuery }] = await Promise.all([
    import('../../store/connect.js'),
    import('kysely'),
  ]);
  const store = await connect(url, { readonly: true });
  return {
    all(sql, params = []) {
      let n = 0;
      return store.arrays(
        CompiledQuery.raw(
          sql.replace(/\?/g, () => `$${++n}`),
          [...params],
        ),
      );
    },
    close: () => store.close(),
  };
}

/** Refuses, in one sentence, a file that is not an advisory DB or one of another schema. */
export async function checkSchema(conn: ReadConnection, name: string): Promise<void> {
  // what the DB says it has (`meta.schema_version`): no such row or table, not an advisory DB
  const [row] = await conn
    .all('select "value" from "meta" where "key" = ? limit 1', ['schema_version'])
    .catch(() => []);
  const stored = row?.[0] as string | undefined;
  if (Number(stored) === SCHEMA_VERSION) return;
  await conn.close();
  if (stored === undefined) throw new InputError(`${name} is not a cleanroom advisory DB`);
  throw new InputError(
    `${name} has advisory DB schema ${stored}, and this cleanroom reads schema ${SCHEMA_VERSION}; rebuild it with "cleanroom db build" or "cleanroom db update"`,
  );
}
