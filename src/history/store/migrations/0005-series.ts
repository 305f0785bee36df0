import type { Kysely } from 'kysely';

// The materialised daily series (src/history/materialise/): each tag's series under both lenses
// and the default counting rules, kept as runs of days that carried the same counts, and the state
// that says against which advisory DB and up to which day they were computed.

/** Creates the series tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('series_segment')
    .addColumn('image', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('lens', 'text', (c) => c.notNull())
    .addColumn('first_day', 'text', (c) => c.notNull())
    .addColumn('last_day', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('ids', 'text', (c) => c.notNull())
    .addColumn('coverage', 'text')
    .addColumn('provenance', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('series_segment_pk', ['image', 'tag', 'lens', 'first_day'])
    .execute();
  await db.schema
    .createTable('series_state')
    .addColumn('image', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('db_key', 'text', (c) => c.notNull())
    .addColumn('through', 'text', (c) => c.notNull())
    .addColumn('dirty_from', 'text')
    .addColumn('lookups', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('latest', 'text')
    .addPrimaryKeyConstraint('series_state_pk', ['image', 'tag'])
    .execute();
}

/** Drops the series tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('series_segment').execute();
  await db.schema.dropTable('series_state').execute();
}
