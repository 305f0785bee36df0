import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect } from '../../store/connect.js';
import { migrateToLatest } from '../../store/migrate.js';
import { advisoryMigrations } from './migrations/index.js';

const tables = async (db: Kysely<unknown>) =>
  (
    await sql<{
      name: string;
    }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'advisory_migration%'`.execute(
      db,
    )
  ).rows
    .map((r) => r.name)
    .sort();

// the contract of the migration registry: every migration applies and reverts cleanly, in order
describe('advisory DB migrations', () => {
  it.each(Object.keys(advisoryMigrations.migrations))('%s runs up and down', async (name) => {
    const store = await connect<unknown>(':memory:');
    const migrator = new Migrator({
      db: store.db,
      provider: { getMigrations: () => Promise.resolve(advisoryMigrations.migrations) },
      migrationTableName: advisoryMigrations.table,
      migrationLockTableName: `${advisoryMigrations.table}_lock`,
    });
    const up = await migrator.migrateTo(name);
    expect(up.error).toBeUndefined();
    expect((await tables(store.db)).length).toBeGreaterThan(0);
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(await tables(store.db)).toEqual([]);
    await store.close();
  });

  it('is idempotent: migrating an up-to-date DB changes nothing', async () => {
    const store = await connect<unknown>(':memory:');
    await migrateToLatest(store.db, advisoryMigrations, 'memory');
    const before = await tables(store.db);
    await migrateToLatest(store.db, advisoryMigrations, 'memory');
    expect(await tables(store.db)).toEqual(before);
    expect(before).toEqual(['affected', 'alias', 'epss', 'feed', 'kev', 'meta', 'vulnerability']);
    await store.close();
  });
});
