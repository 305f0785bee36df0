import { Option } from '@commander-js/extra-typings';
import type { Command } from '@commander-js/extra-typings';
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import pc from 'picocolors';
import { InputError } from '../errors.js';
import type { Warning } from '../errors.js';
import type { BuildResult } from '../advisory/db/build.js';
import { defaultDbPath } from '../advisory/db/paths.js';
import { formatAge, parseAge } from '../advisory/db/age.js';
import type { AdvisoryDbStatus } from '../advisory/db/status.js';
import { isUrl } from '../advisory/db/source-location.js';
import { isPostgresUrl } from '../store/connect.js';
import type { CopyProgress } from '../store/copy-tables.js';
import { redactUrl } from '../store/postgres-errors.js';
import type { UpdateSource } from '../advisory/db/update.js';
import type { CliCommand } from './cli-command.js';
import { registerDbPush, updateFromRegistry } from './db/artifact.js';
import { emit, isInteractive } from './output.js';
import { parsePeriod } from './history-options.js';
import { repeatEvery } from './repeat.js';

/** Parses one `--source [FEED=]PATH_OR_URL` and adds it to the list. */
export function parseSource(value: string, previous: UpdateSource[] = []): UpdateSource[] {
  const named = /^([a-z][a-z0-9-]*)=(.+)$/.exec(value);
  const source = named && !isUrl(value) ? { feed: named[1], location: named[2]! } : { location: value };
  return [...previous, source];
}

// warnings go to stderr as they come and are counted for the summary line
function warningPrinter(): { onWarning: (w: Warning) => void; count: () => number } {
  let n = 0;
  return {
    onWarning(w) {
      n++;
      process.stderr.write(`warning: ${w.source}: ${w.message}\n`);
    },
    count: () => n,
  };
}

// a progress bar on a terminal only: piped output stays plain and stable
function progressBar(): { update(label: string, value: number, total?: number): void; stop(): void } {
  if (!isInteractive(process.stderr)) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: ' {label} {bar} {value}{unit}',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(label, value, total) {
      if (!started) bar.start(total ?? 0, 0, { label, unit: '' });
      started = true;
      bar.setTotal(total ?? Math.max(value, 1));
      bar.update(value, { label, unit: total ? ' bytes' : ' records' });
    },
    stop: () => started && bar.stop(),
  };
}

// the copy into a server can take a minute: the bar follows it on a terminal; piped, one line
// says it started (the server keeps its previous content until the copy commits)
function copyReporter(url: string, bar: ReturnType<typeof progressBar>): (progress: CopyProgress) => void {
  let announced = false;
  return (p) => {
    if (!announced && !isInteractive(process.stderr))
      process.stderr.write(`loading ${redactUrl(url)} in one transaction\n`);
    announced = true;
    bar.update(`copying ${p.table}`, p.rows);
  };
}

function summary(verb: string, out: string, result: BuildResult, warnings: number): string {
  const records = result.feeds.reduce((n, f) => n + f.records, 0);
  const rate = Math.round(records / Math.max(result.seconds, 0.001));
  const withdrawn = result.withdrawn ? `, ${result.withdrawn} withdrawn since the last build` : '';
  return `${verb} ${redactUrl(out)}: ${records} records from ${result.feeds.length} feeds in ${result.seconds.toFixed(1)} s (${rate} records/s)${withdrawn}, ${warnings} warnings`;
}

function statusTable(status: AdvisoryDbStatus, color: boolean): string {
  const style = color ? {} : { head: [], border: [] };
  const feeds = new Table({ head: ['feed', 'records', 'version', 'fetched', 'source'], style });
  for (const f of status.feeds) feeds.push([f.name, f.records, f.version, f.fetchedAt, f.source]);
  const ecosystems = new Table({ head: ['ecosystem', 'affected rows'], style });
  for (const [name, n] of Object.entries(status.ecosystems)) ecosystems.push([name, n]);
  const age = `built ${status.builtAt} (${formatAge(status.ageSeconds)} ago), schema ${status.dbSchemaVersion}`;
  const h = status.history;
  const sources = Object.entries(h.knownFrom)
    .map(([source, n]) => `${source} ${n}`)
    .join(', ');
  const history = `history: ${h.current} current rows (known from: ${sources || 'none'}), ${h.superseded} superseded by a later content, ${h.withdrawn} withdrawn`;
  const warn = status.stale
    ? `\nwarning: the DB is older than ${formatAge(status.maxAgeSeconds)}; run "cleanroom db update"`
    : '';
  return `${status.db}\n${age}\n${history}\n${feeds.toString()}\n${ecosystems.toString()}${color && warn ? pc.yellow(warn) : warn}`;
}

const dbOption = () =>
  new Option('--db <file>', 'the advisory DB (file or postgres:// URL)').default(defaultDbPath());
const sourceHelp = 'a feed file, folder or URL, optionally named: FEED=PATH_OR_URL (repeatable)';

/** `cleanroom db …`: build, update, inspect, export and import the advisory DB. */
export const dbCommand: CliCommand = {
  register(program: Command) {
    const db = program
      .command('db')
      .description('build, update, inspect, export and import the advisory database');

    db.command('build')
      .description('build the advisory DB from local feed files, folders or mirrors (offline)')
      .requiredOption('--source <source>', sourceHelp, parseSource, [] as UpdateSource[])
      .requiredOption(
        '--out <file>',
        'the DB file or postgres:// URL to write (replaced atomically; its history is kept)',
      )
      .addHelpText(
        'after',
        `\nExamples:\n  $ cleanroom db build --source osv=./go-osv --source ./alpine-secdb --out advisory.db\n  $ cleanroom db build --source kev=kev.json --source epss=./epss --out advisory.db`,
      )
      .action(async (opts) => {
        const warnings = warningPrinter();
        const bar = progressBar();
        const sources = opts.source.map((s) => {
          if (isUrl(s.location))
            throw new InputError(
              `db build reads local files only; use "db update --source" for ${s.location}`,
            );
          return { feed: s.feed, path: s.location };
        });
        const options = {
          sources,
          out: opts.out,
          onWarning: warnings.onWarning,
          onProgress: (p: { feed: string; records: number }) => bar.update(p.feed, p.records),
        };
        const result = await (
          isPostgresUrl(opts.out)
            ? import('../advisory/db/postgres-target.js').then(({ buildIntoPostgres }) =>
                buildIntoPostgres({ ...options, onCopy: copyReporter(opts.out, bar) }),
              )
            : import('../advisory/db/build.js').then(({ buildAdvisoryDb }) => buildAdvisoryDb(options))
        ).finally(() => bar.stop());
        process.stderr.write(`${summary('built', opts.out, result, warnings.count())}\n`);
      });

    db.command('update')
      .description('download the feeds (official URLs, or --source mirrors and folders) and rebuild the DB')
      .option('--source <source>', sourceHelp, parseSource)
      .option('--from <ref>', 'pull a DB pushed with "db push" from this registry reference instead')
      .option('--plain-http', 'with --from: talk to the registry over http (a local registry)')
      .option(
        '--every <period>',
        'keep running and update again every period (24h) until stopped',
        parsePeriod,
      )
      .addOption(dbOption())
      .addHelpText(
        'after',
        `\nExamples:\n  $ cleanroom db update\n  $ cleanroom db update --every 24h   # a service: the daily update of deploy/compose.yaml\n  $ cleanroom db update --source osv=https://mirror.example/osv/Go/all.zip --source kev=./kev.json\n  $ cleanroom db update --from registry.example.com/security/advisory-db:latest\n\nA download that fails leaves the previous DB untouched (exit 2); a partial download resumes next time.`,
      )
      // --every: the same update again each period (repeat.ts)
      .action((opts) =>
        repeatEvery(opts.every, async () => {
          if (opts.from && opts.source)
            throw new InputError('--from and --source do not go together: a pushed DB is already built');
          if (opts.from) return updateFromRegistry({ ...opts, from: opts.from });
          const warnings = warningPrinter();
          const bar = progressBar();
          const { updateAdvisoryDb } = await import('../advisory/db/update.js');
          const result = await updateAdvisoryDb({
            db: opts.db,
            sources: opts.source,
            onWarning: warnings.onWarning,
            onDownload: (p) => bar.update(p.url.split('/').pop() ?? p.url, p.received, p.total),
            onProgress: (p) => bar.update(p.feed, p.records),
            onCopy: copyReporter(opts.db, bar),
          }).finally(() => bar.stop());
          const fetched = result.downloads.filter((d) => d.changed).length;
          const note = `${fetched} of ${result.downloads.length} downloads changed`;
          if (!result.build) process.stderr.write(`${redactUrl(opts.db)} is up to date (${note})\n`);
          else
            process.stderr.write(`${summary('updated', opts.db, result.build, warnings.count())}; ${note}\n`);
        }),
      );

    db.command('status')
      .description('show the feeds, record counts, build time and age of the advisory DB')
      .addOption(dbOption())
      .addOption(
        new Option('-f, --format <format>', 'output format')
          .choices(['table', 'json'] as const)
          .default('table'),
      )
      .option('--max-age <age>', 'warn when the DB is older than this (s, m, h, d, w)', '7d')
      .addHelpText(
        'after',
        `\nExamples:\n  $ cleanroom db status\n  $ cleanroom db status --format json --max-age 24h`,
      )
      .action(async (opts) => {
        const { advisoryDbStatus } = await import('../advisory/db/status.js');
        const status = {
          ...(await advisoryDbStatus(opts.db, parseAge(opts.maxAge))),
          db: redactUrl(opts.db),
        };
        if (opts.format === 'json') await emit(JSON.stringify(status, null, 2));
        else await emit(statusTable(status, isInteractive()));
        if (status.stale && opts.format === 'json')
          process.stderr.write(`warning: the DB is older than ${formatAge(status.maxAgeSeconds)}\n`);
      });

    db.command('export')
      .description('write the advisory DB to one file (gzipped when the name ends in .gz)')
      .argument('<file>', 'the file to write')
      .addOption(dbOption())
      .addHelpText(
        'after',
        `\nExamples:\n  $ cleanroom db export advisory.db.gz\n  $ cleanroom db export /media/usb/advisory.db --db ./advisory.db`,
      )
      .action(async (file, opts) => {
        const { exportAdvisoryDb } = await import('../advisory/db/transfer.js');
        await exportAdvisoryDb(opts.db, file);
        process.stderr.write(`exported ${redactUrl(opts.db)} to ${file}\n`);
      });

    db.command('import')
      .description('check an exported advisory DB (plain or gzipped) and swap it in atomically')
      .argument('<file>', 'the exported DB')
      .addOption(dbOption())
      .addHelpText(
        'after',
        `\nExamples:\n  $ cleanroom db import advisory.db.gz\n  $ cleanroom db import advisory.db --db /srv/cleanroom/advisory.db`,
      )
      .action(async (file, opts) => {
        const { importAdvisoryDb } = await import('../advisory/db/transfer.js');
        const meta = await importAdvisoryDb(file, opts.db);
        process.stderr.write(
          `imported ${file} into ${redactUrl(opts.db)} (built ${meta.builtAt}, schema ${meta.schemaVersion})\n`,
        );
      });

    registerDbPush(db);
  },
};
