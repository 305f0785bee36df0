/**
 * `db export` / `db import`: a file DB through `transfer-file.ts`; a PostgreSQL server's content
 * through `postgres-target.ts` (copied into a file first, in one read transaction; loaded from the
 * checked file in one transaction). The choice is made here, so neither side imports the other's chooser.
 */
import { existsSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { isPostgresUrl } from '../../store/connect.js';
import { exportAdvisoryDbFile, importAdvisoryDbFile } from './transfer-file.js';

export { checkAndMigrate } from './transfer-file.js';

/** Copies the DB (a file or a PostgreSQL URL) to one file; a name ending in `.gz` is gzipped. Written atomically. */
export async function exportAdvisoryDb(dbPath: string, file: string): Promise<void> {
  if (isPostgresUrl(dbPath)) return (await import('./postgres-target.js')).exportFromPostgres(dbPath, file);
  return exportAdvisoryDbFile(dbPath, file);
}

/** Checks an exported DB (plain or gzipped) and swaps it in over `dbPath` (a file or a PostgreSQL URL). */
export async function importAdvisoryDb(
  file: string,
  dbPath: string,
): Promise<{ schemaVersion: number; builtAt: string }> {
  if (!existsSync(file)) throw new InputError(`the file to import ${file} does not exist`);
  if (isPostgresUrl(dbPath)) return (await import('./postgres-target.js')).importIntoPostgres(file, dbPath);
  return importAdvisoryDbFile(file, dbPath);
}
