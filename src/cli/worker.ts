import { InvalidArgumentError, type Command } from '@commander-js/extra-typings';
import { isPostgresUrl } from '../store/connect.js';
import type { CliCommand } from './cli-command.js';
import { dbOption, parsePeriod, storeOption } from './history-options.js';
import { parseByteSize } from './parse-options.js';

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return n;
};

// `--job-lock`: seconds, minutes or hours (a lock shorter than 5 s would take jobs from live workers)
const lockPeriod = (v: string) => {
  const m = /^(\d+)(s|m|h)$/.exec(v.trim());
  const ms = m ? Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'] : NaN;
  if (!(ms >= 5000))
    throw new InvalidArgumentError('expected a time of at least 5s, such as 30s, 10m or 1h.');
  return ms;
};

/** `cleanroom worker`: observes the due watches, from PostgreSQL's queue or in-process on SQLite. */
export const workerCommand: CliCommand = {
  register(program: Command) {
    program
      .command('worker')
      .description(
        'observe every due watch: jobs from the PostgreSQL queue (graphile-worker), or in-process on SQLite',
      )
      .addOption(storeOption())
      .addOption(dbOption())
      .option('--concurrency <n>', 'jobs at once in this process (PostgreSQL)', positive, 1)
      .option('--max-attempts <n>', 'attempts per watch before its failure is recorded', positive, 5)
      .option(
        '--cache-max-bytes <size>',
        'bound the registry blob cache (least recently used first)',
        parseByteSize,
      )
      .option(
        '--db-from <ref>',
        'keep --db current from this OCI artifact (cleanroom db push) instead of building it',
      )
      .option('--plain-http', 'talk to the registry of --db-from over http (a local registry)')
      .option(
        '--reconnect-for <period>',
        'how long to wait for PostgreSQL when it goes away before exiting (PostgreSQL; default 5m)',
        parsePeriod,
      )
      .option(
        '--job-lock <time>',
        'how long a job stays with a worker that may have died before another takes it (PostgreSQL; default 10m; longer than the longest job)',
        lockPeriod,
      )
      .option(
        '--registry-allow <pattern>',
        'a registry a watch added through the API may reach although it resolves to a loopback, private or link-local address: HOST, HOST:PORT, *.DOMAIN or CIDR (repeatable)',
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .option('--once', 'observe what is due now, then exit')
      .addHelpText(
        'after',
        `
Examples:
  $ cleanroom worker                                           # SQLite: one machine, in-process scheduler
  $ cleanroom worker --store postgres://cleanroom@db/cleanroom --concurrency 2
  $ cleanroom worker --store postgres://cleanroom@db/cleanroom --once
  $ cleanroom worker --store postgres://… --db-from registry.example.com/security/advisory-db:latest`,
      )
      .action(async (opts) => {
        const { parseAllowPatterns } = await import('../image/registry/egress-policy.js');
        const options = {
          store: opts.store,
          db: opts.db,
          concurrency: opts.concurrency,
          maxAttempts: opts.maxAttempts,
          cacheMaxBytes: opts.cacheMaxBytes,
          once: Boolean(opts.once),
          dbFrom: opts.dbFrom,
          plainHttp: opts.plainHttp,
          reconnectForMs: opts.reconnectFor,
          jobLockMs: opts.jobLock,
          egress: { allow: parseAllowPatterns(opts.registryAllow ?? []) },
          onEvent: (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
        };
        if (isPostgresUrl(opts.store)) {
          const { runQueueWorker } = await import('../worker/queue.js');
          await runQueueWorker(options);
        } else {
          const { runLocalScheduler } = await import('../worker/local-scheduler.js');
          await runLocalScheduler(options);
        }
      });
  },
};
