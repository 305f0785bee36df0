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

/** `--lens`: then (default) or now (docs/counting.md "Lenses"). */
export const lensOption = () =>
  new Option(
    '--lens <lens>',
    "then: each day against the advisories as known that day; now: each day's image against today's",
  )
    .choices(['then', 'now'] as const)
    .default('then' as const);

/** The counting rules' options (docs/counting.md), as `scan` names them. */
export const countByOption = () =>
  new Option('--count-by <unit>', 'count unit')
    .choices(['vulnerability', 'package'] as const)
    .default('vulnerability' as const);
export const negligibleOption = () =>
  new Option('--include-negligible', 'count negligible vulnerabilities in the totals');
export const onlyFixedOption = () => new Option('--only-fixed', 'count only vulnerabilities that have a fix');
export const cveOnlyOption = () => new Option('--cve-only', 'count only vulnerabilities with a CVE id');
export const ignoreStatesOption = () =>
  new Option(
    '--ignore-states <states>',
    'fix states to leave out, comma-separated (fixed, not-fixed, wont-fix)',
  );

const STATES = ['fixed', 'not-fixed', 'wont-fix'] as const;

/** The counting rules the parsed options ask for; an unknown fix state is a usage error naming it. */
export function rulesFromOptions(opts: {
  countBy?: 'vulnerability' | 'package';
  includeNegligible?: boolean;
  onlyFixed?: boolean;
  cveOnly?: boolean;
  ignoreStates?: string;
}) {
  const ignoreStates = (opts.ignoreStates ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      if (!(STATES as readonly string[]).includes(s))
        throw new InvalidArgumentError(`--ignore-states: "${s}" is not a fix state (${STATES.join(', ')})`);
      return s as (typeof STATES)[number];
    });
  return {
    countBy: opts.countBy ?? 'vulnerability',
    includeNegligible: Boolean(opts.includeNegligible),
    onlyFixed: Boolean(opts.onlyFixed),
    cveOnly: Boolean(opts.cveOnly),
    ignoreStates,
  };
}
