import type { Kysely } from 'kysely';

// A tag's series is checked against a new DB build by a fingerprint per digest of what its
// matches were (materialise/fingerprint.ts), not by asking its DB reads again: the reads it kept
// are no longer read. A state of the older form recomputes its tag once (its fingerprint does not
// parse as one per digest).

/** Drops `series_state.lookups`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('series_state').dropColumn('lookups').execute();
}

/** Adds it back, empty. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('series_state')
    .addColumn('lookups', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
}
