import type { Kysely } from 'kysely';

// Plain types that mean the same on SQLite and PostgreSQL; no autoincrement/identity column
// (the affected rows need none), JSON kept as text.

/** Creates the first advisory DB schema. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('vulnerability')
    .addColumn('feed', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('vulnerability', 'text', (c) => c.notNull())
    .addColumn('aliases', 'text')
    .addColumn('published', 'text')
    .addColumn('modified', 'text')
    .addColumn('withdrawn', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('known_from', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vulnerability_pk', ['feed', 'record_id'])
    .execute();
  await db.schema.createIndex('vulnerability_by_id').on('vulnerability').column('vulnerability').execute();

  await db.schema
    .createTable('alias')
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('vulnerability', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alias_pk', ['alias', 'vulnerability'])
    .execute();

  await db.schema
    .createTable('affected')
    .addColumn('ecosystem', 'text', (c) => c.notNull())
    .addColumn('package', 'text', (c) => c.notNull())
    .addColumn('vulnerability', 'text', (c) => c.notNull())
    .addColumn('advisory_id', 'text', (c) => c.notNull())
    .addColumn('feed', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull())
    .addColumn('fix_state', 'text', (c) => c.notNull())
    .addColumn('fixed_version', 'text')
    .addColumn('fixed_at', 'text')
    .addColumn('known_from', 'text', (c) => c.notNull())
    .addColumn('withdrawn', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('affected_by_package')
    .on('affected')
    .columns(['ecosystem', 'package'])
    .execute();
  await db.schema.createIndex('affected_by_record').on('affected').columns(['feed', 'record_id']).execute();

  await db.schema
    .createTable('kev')
    .addColumn('cve', 'text', (c) => c.primaryKey())
    .addColumn('date_added', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('known_ransomware', 'integer')
    .addColumn('vendor', 'text')
    .addColumn('product', 'text')
    .execute();

  await db.schema
    .createTable('epss')
    .addColumn('cve', 'text', (c) => c.primaryKey())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('percentile', 'double precision', (c) => c.notNull())
    .addColumn('date', 'text')
    .execute();

  await db.schema
    .createTable('feed')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('records', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

/** Drops the first schema. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['meta', 'feed', 'epss', 'kev', 'affected', 'alias', 'vulnerability'])
    await db.schema.dropTable(table).ifExists().execute();
}
