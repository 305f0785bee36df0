import { sql, type Kysely } from 'kysely';

/**
 * Record history (schema 4): an affected row holds from `known_from` until `known_to` (open: still
 * holds), so an update that changes a record keeps what it said before, and `known_from_source`
 * says where `known_from` came from. Rows of an older DB are all current; their known-from came
 * from the record's publication where it had one, else from the build that first saw it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('affected').addColumn('known_to', 'text').execute();
  await db.schema
    .alterTable('affected')
    .addColumn('known_from_source', 'text', (c) => c.notNull().defaultTo('first-build'))
    .execute();
  await sql`UPDATE affected SET known_from_source = 'published'
    WHERE EXISTS (SELECT 1 FROM vulnerability v
      WHERE v.feed = affected.feed AND v.record_id = affected.record_id AND v.published IS NOT NULL)`.execute(
    db,
  );
  await sql`UPDATE meta SET value = '4' WHERE key = 'schema_version'`.execute(db);
}

/** Back to schema 3: only the current rows stay. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM affected WHERE known_to IS NOT NULL`.execute(db);
  await db.schema.alterTable('affected').dropColumn('known_from_source').execute();
  await db.schema.alterTable('affected').dropColumn('known_to').execute();
  await sql`UPDATE meta SET value = '3' WHERE key = 'schema_version'`.execute(db);
}
