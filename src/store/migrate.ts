import { Migrator } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { InputError, errorMessage } from '../errors.js';

/**
 * Migrations are plain modules listed in code (not found on disk), so they work the same from
 * src/ under tsx and from dist/ after the build. Each table group keeps its own migration table.
 */
export interface MigrationSet {
  /** the Kysely bookkeeping table for this group, e.g. `advisory_migration` */
  table: string;
  migrations: Record<string, Migration>;
}

/** Brings a database to the newest schema of one migration group; throws one sentence on failure. */
export async function migrateToLatest<DB>(db: Kysely<DB>, set: MigrationSet, where: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(set.migrations) },
    migrationTableName: set.table,
    migrationLockTableName: `${set.table}_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new InputError(
      `cannot migrate the database ${where} (migration ${failed}): ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  }
}
