import type { Kysely } from 'kysely';

// A watch is the promise "observe this tag every period" (src/worker/): stored beside the history
// it feeds, so every worker and server on the same store shares the list and each one's state.

/** Creates the table of watches. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('watch')
    .addColumn('image', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('every_seconds', 'integer', (c) => c.notNull())
    .addColumn('platform', 'text')
    .addColumn('plain_http', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_period', 'integer')
    .addColumn('last_observed_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('failed_at', 'text')
    .addPrimaryKeyConstraint('watch_pk', ['image', 'tag'])
    .execute();
}

/** Drops the table of watches. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('watch').execute();
}
