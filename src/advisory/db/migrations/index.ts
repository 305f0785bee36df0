import type { MigrationSet } from '../../../store/migrate.js';
import * as initial from './0001-initial.js';
import * as recordHistory from './0002-record-history.js';

/** The advisory DB migrations, in order: one file each, listed once here. */
export const advisoryMigrations: MigrationSet = {
  table: 'advisory_migration',
  migrations: { '0001-initial': initial, '0002-record-history': recordHistory },
};
