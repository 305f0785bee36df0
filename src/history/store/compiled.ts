/**
 * Hot reads compiled once per store: Kysely builds and compiles a query on every call, and its
 * SQLite driver prepares the statement again each time, which together cost more than the read
 * itself on the API's busiest routes. A query compiled here once (with placeholder values) runs
 * through `store.arrays`, which keeps one prepared statement per SQL text.
 */
import type { CompiledQuery, Kysely } from 'kysely';
import type { HistoryStore } from './open.js';
import type { HistoryTables } from './schema.js';

const MARK = '\u0000cleanroom-parameter-';
const compiled = new WeakMap<object, Map<string, CompiledQuery>>();

/** A builder of one query; `p(i)` stands for the i-th value of each call. */
export type QueryBuilder = (
  db: Kysely<HistoryTables>,
  p: (i: number) => string,
) => { compile(): CompiledQuery };

/**
 * The rows (arrays in select order) of the query `name`, built by `build` the first time the
 * store runs it, with this call's `values`. `name` must identify the query's shape.
 */
export async function readRows(
  store: HistoryStore,
  name: string,
  build: QueryBuilder,
  values: readonly unknown[],
): Promise<unknown[][]> {
  let queries = compiled.get(store.db);
  if (!queries) compiled.set(store.db, (queries = new Map()));
  let query = queries.get(name);
  if (!query) queries.set(name, (query = build(store.db, (i) => `${MARK}${i}`).compile()));
  // constants Kysely turns into parameters (a LIMIT) stay; placeholders take this call's values
  const parameters = query.parameters.map((v) =>
    typeof v === 'string' && v.startsWith(MARK) ? values[Number(v.slice(MARK.length))] : v,
  );
  return store.arrays({ ...query, parameters });
}
