/**
 * What an update carries over from the previous DB: each record's `first_seen` (so "known from"
 * does not jump forward on every rebuild), and the records that disappeared from their feed,
 * kept and marked withdrawn at the new build time so as-of queries before that still see them.
 */
import { existsSync } from 'node:fs';
import { connect } from '../../store/connect.js';
import type { Store } from '../../store/connect.js';
import { chunked } from '../../store/sql-values.js';
import { SCHEMA_VERSION, type AdvisoryTables } from './schema.js';
import { storedSchemaVersion } from './schema-version.js';

/** The records of the previous DB, by `feed \0 record_id`, with when each was first seen. */
export type PreviousRecords = Map<string, string>;

/** The key of one record across builds. */
export function recordKey(feed: string, recordId: string): string {
  return `${feed}\0${recordId}`;
}

/** Reads first-seen times from an existing DB file; an unreadable or foreign file yields none. */
export async function readPreviousRecords(path: string): Promise<PreviousRecords> {
  const previous: PreviousRecords = new Map();
  if (!existsSync(path)) return previous;
  let store: Store<AdvisoryTables> | undefined;
  try {
    store = await connect<AdvisoryTables>(path, { readonly: true });
    const rows = await store.db
      .selectFrom('vulnerability')
      .select(['feed', 'record_id', 'first_seen'])
      .execute();
    for (const row of rows) previous.set(recordKey(row.feed, row.record_id), row.first_seen);
  } catch {
    // not a cleanroom DB (or an older broken one): the new build simply starts history afresh
    previous.clear();
  } finally {
    await store?.close();
  }
  return previous;
}

/**
 * Copies the records of `feeds` that the previous DB had and this build did not see into the
 * new store, withdrawn at `now` unless they were withdrawn earlier. Returns how many.
 */
export async function carryWithdrawn(
  previousPath: string,
  target: Store<AdvisoryTables>,
  feeds: readonly string[],
  missing: ReadonlySet<string>,
  now: string,
): Promise<number> {
  if (missing.size === 0 || !existsSync(previousPath)) return 0;
  const old = await connect<AdvisoryTables>(previousPath, { readonly: true });
  let carried = 0;
  try {
    // rows of another schema do not fit this one: a schema change starts the withdrawals afresh
    if (Number(await storedSchemaVersion(old)) !== SCHEMA_VERSION) return 0;
    for (const feed of feeds) {
      const records = [...missing]
        .filter((k) => k.startsWith(`${feed}\0`))
        .map((k) => k.slice(feed.length + 1));
      for (const ids of chunked(records)) {
        const vulns = await old.db
          .selectFrom('vulnerability')
          .selectAll()
          .where('feed', '=', feed)
          .where('record_id', 'in', ids)
          .execute();
        const affected = await old.db
          .selectFrom('affected')
          .selectAll()
          .where('feed', '=', feed)
          .where('record_id', 'in', ids)
          .execute();
        const aliases = vulns.flatMap((v) =>
          [v.id, v.vulnerability, ...(JSON.parse(v.aliases ?? '[]') as string[])].map((alias) => ({
            alias,
            vulnerability: v.vulnerability,
          })),
        );
        await target.bulkInsert(
          'vulnerability',
          vulns.map((v) => ({ ...v, withdrawn: v.withdrawn ?? now })),
          {
            ignoreConflicts: true,
          },
        );
        await target.bulkInsert(
          'affected',
          affected.map((a) => ({ ...a, withdrawn: a.withdrawn ?? now })),
        );
        await target.bulkInsert('alias', aliases, { ignoreConflicts: true });
        carried += vulns.length;
      }
    }
  } finally {
    await old.close();
  }
  return carried;
}
