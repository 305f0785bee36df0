import { InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { defaultDbPath } from '../advisory/db/paths.js';
import { defaultStorePath } from '../history/store/open.js';
import { periodSeconds } from '../time/period.js';

// Listed here so that `--help` does not load the history stage.
export const HISTORY_FORMATS = ['table', 'json', 'csv'] as const;

/** `--format` of the history commands: table on a terminal, json, csv. */
export const formatOption = () =>
  new Option('-f, --format <format>', 'output format').choices(HISTORY_FORMATS).default('table' as const);

/** `--store`: the history store, a SQLite file or a postgres:// URL. */
export const storeOption = () =>
  new Option('--store <path-or-url>', 'history store: SQLite file or postgres:// URL').default(
    defaultStorePath(),
  );

/** `--db`: the advisory DB replay and track match against. */
export const dbOption = () =>
  new Option('--db <file>', 'advisory DB file or postgres:// URL').default(defaultDbPath());

/** Parses `--every`: a period such as 30m, 24h, 7d (at least a minute), in milliseconds. */
export function parsePeriod(value: string): number {
  const seconds = periodSeconds(value);
  if (seconds === undefined)
    throw new InvalidArgumentError('expected a period of at least a minute, such as 30m, 24h or 7d.');
  return seconds * 1000;
}
