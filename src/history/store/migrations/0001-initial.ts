import type { Kysely } from 'kysely';

// Plain types that mean the same on SQLite and PostgreSQL; natural keys only (no identity columns).

/** Creates the first history store schema. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('image')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('tag')
    .addColumn('image', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tag_pk', ['image', 'tag'])
    .execute();
  await db.schema
    .createTable('tag_digest')
    .addColumn('image', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tag_digest_pk', ['image', 'tag', 'since'])
    .execute();
  await db.schema
    .createTable('digest')
    .addColumn('digest', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('inventory', 'text')
    .addColumn('created', 'text')
    .addColumn('size_bytes', 'bigint')
    .addColumn('packages', 'integer')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .execute();
  let observation = db.schema
    .createTable('observation')
    .addColumn('image', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('scanned_at', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('scanner_name', 'text', (c) => c.notNull())
    .addColumn('scanner_version', 'text', (c) => c.notNull())
    .addColumn('db_built_at', 'text')
    .addColumn('db_feeds', 'text', (c) => c.notNull());
  for (const count of COUNT_COLUMNS)
    observation = observation.addColumn(count, 'integer', (c) => c.notNull());
  await observation
    .addColumn('ids', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('observation_pk', ['image', 'tag', 'day', 'digest', 'scanner_name'])
    .execute();
  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

/** Drops the history store schema. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['setting', 'observation', 'digest', 'tag_digest', 'tag', 'image'])
    await db.schema.dropTable(table).execute();
}

const COUNT_COLUMNS = [
  'critical',
  'high',
  'medium',
  'low',
  'negligible',
  'unknown',
  'total',
  'fixed',
  'not_fixed',
  'wont_fix',
  'suppressed',
] as const;
