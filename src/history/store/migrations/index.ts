import type { MigrationSet } from '../../../store/migrate.js';
import * as initial from './0001-initial.js';
import * as apiToken from './0002-api-token.js';
import * as watch from './0003-watch.js';
import * as watchOrigin from './0004-watch-origin.js';
import * as series from './0005-series.js';
import * as digestDistro from './0006-digest-distro.js';
import * as seriesFingerprints from './0007-series-fingerprints.js';

/** The history store migrations, in order: one file each, listed once here. */
export const historyMigrations: MigrationSet = {
  table: 'history_migration',
  migrations: {
    '0001-initial': initial,
    '0002-api-token': apiToken,
    '0003-watch': watch,
    '0004-watch-origin': watchOrigin,
    '0005-series': series,
    '0006-digest-distro': digestDistro,
    '0007-series-fingerprints': seriesFingerprints,
  },
};
