import { InvalidArgumentError, Option, type Command } from '@commander-js/extra-typings';
import type { CliCommand } from './cli-command.js';
import { dbOption, storeOption } from './history-options.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new InvalidArgumentError('expected a port number (0–65535).');
  return port;
}

function parseCount(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`expected a whole number of at least ${min}.`);
    return n;
  };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function parseMegabytes(value: string): number {
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb < 0)
    throw new InvalidArgumentError('expected a number of megabytes (0: none).');
  return mb;
}

/** `cleanroom serve`: the HTTP API over the history store (docs/api.md). */
export const serveCommand: CliCommand = {
  register(program: Command) {
    program
      .command('serve')
      .description('serve the history over HTTP: JSON under /api/, OpenAPI at /api/openapi.json')
      .addOption(storeOption())
      .addOption(dbOption())
      .option('--host <address>', 'address to bind (another than loopback exposes the API)', '127.0.0.1')
      .addOption(
        new Option('--port <port>', 'port to listen on (0: any free one)').argParser(parsePort).default(8080),
      )
      .option('--private', 'reads need a token too (writes always do)')
      .option(
        '--vex <file>',
        'an OpenVEX or CycloneDX VEX document for the "after VEX" counting rule (afterVex=true; repeatable)',
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .addOption(
        new Option('--cache-mb <MB>', 'memory for answers kept between requests (0: none)')
          .argParser(parseMegabytes)
          .default(64),
      )
      .option(
        '--allow-path <dir>',
        'a folder whose archives, layouts and SBOMs POST /api/track may read (repeatable; default: none, registry references only)',
        collect,
      )
      .option(
        '--registry-allow <pattern>',
        'a registry the API may make the server reach although it resolves to a loopback, private or link-local address: HOST, HOST:PORT, *.DOMAIN or CIDR (repeatable)',
        collect,
      )
      .addOption(
        new Option('--max-range-days <days>', 'the longest range a request may ask (days)')
          .argParser(parseCount(1))
          .default(3650),
      )
      .addOption(
        new Option('--max-images <n>', 'the most images one request may name')
          .argParser(parseCount(1))
          .default(50),
      )
      .addOption(
        new Option(
          '--max-expensive <n>',
          'expensive requests (replay, compare, resolved, report, track) run at once',
        )
          .argParser(parseCount(1))
          .default(2),
      )
      .addOption(
        new Option('--max-answer-mb <MB>', 'the largest answer sent (a larger one is a 400 asking for less)')
          .argParser(parseMegabytes)
          .default(64),
      )
      .addOption(
        new Option('--queue <n>', 'expensive requests that may wait for a slot before a 503')
          .argParser(parseCount(0))
          .default(64),
      )
      .addOption(
        new Option(
          '--refresh-every <seconds>',
          'how often the materialised series are brought up to date (0: never; cleanroom store refresh does it by hand)',
        )
          .argParser(parseCount(0))
          .default(60),
      )
      .option(
        '--watch',
        'also run the due watches (cleanroom watch add) in this process, as cleanroom worker does',
      )
      .addHelpText(
        'after',
        `
Examples:
  $ cleanroom serve
  $ cleanroom serve --store postgres://db/cleanroom --host 0.0.0.0 --private
  $ cleanroom serve --watch                    # one machine: the API and the daily observations
  $ cleanroom serve --vex python.openvex.json  # the console's "after VEX" rule
  $ cleanroom token create --scope write --name ci`,
      )
      .action(async (opts) => {
        const [{ openServerContext }, { buildApp }, { parseAllowPatterns }] = await Promise.all([
          import('../server/context.js'),
          import('../server/app.js'),
          import('../image/registry/egress-policy.js'),
        ]);
        const egress = { allow: parseAllowPatterns(opts.registryAllow ?? []) };
        if (!LOOPBACK.has(opts.host) && !opts.private)
          process.stderr.write(
            `cleanroom: warning: serving on ${opts.host} without --private: anyone who reaches it can read the history\n`,
          );
        const ctx = await openServerContext(opts.store, opts.db, { vex: opts.vex });
        if (opts.vex)
          process.stderr.write(
            `cleanroom: ${ctx.vex.statements.length} VEX statements from ${opts.vex.length} document(s) for afterVex=true\n`,
          );
        const app = await buildApp(ctx, {
          private: Boolean(opts.private),
          logger: true,
          slowRoute: process.env.CLEANROOM_TEST_SLOW_ROUTE === '1',
          cacheBytes: Math.round(opts.cacheMb * 1024 * 1024),
          allowPaths: opts.allowPath ?? [],
          egress,
          limits: {
            maxRangeDays: opts.maxRangeDays,
            maxImages: opts.maxImages,
            concurrency: opts.maxExpensive,
            queue: opts.queue,
            maxAnswerBytes: Math.round(opts.maxAnswerMb * 1024 * 1024),
          },
        });
        const address = await app.listen({ host: opts.host, port: opts.port });
        process.stderr.write(`cleanroom: serving on ${address}\n`);
        // --watch: the scheduler of `cleanroom worker` in this process (the queue on PostgreSQL)
        const watching = opts.watch ? startWatching(opts.store, opts.db, egress) : undefined;
        const refreshing =
          opts.refreshEvery > 0
            ? (await import('../server/refresher.js')).startRefresher(ctx, opts.refreshEvery * 1000, (line) =>
                process.stderr.write(`${new Date().toISOString()} ${line}\n`),
              )
            : undefined;
        // SIGTERM / SIGINT: stop accepting, let the requests in flight finish, then exit 0
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGTERM', stop).off('SIGINT', stop);
            resolve();
          };
          process.on('SIGTERM', stop).on('SIGINT', stop);
        });
        await refreshing?.stop();
        await app.close();
        await watching?.stop();
        await ctx.close();
      });
  },
};

// runs the watches beside the server until stopped; a failing run is logged, the server goes on
function startWatching(
  store: string,
  db: string,
  egress: { allow: readonly string[] },
): { stop(): Promise<void> } {
  const controller = { stopped: false };
  let queue: { stop(): Promise<void> } | undefined;
  const onEvent = (line: string) => process.stderr.write(`${new Date().toISOString()} watch: ${line}\n`);
  const loop = (async () => {
    const { isPostgresUrl } = await import('../store/connect.js');
    if (isPostgresUrl(store)) {
      const { startQueueWorker } = await import('../worker/queue.js');
      const worker = await startQueueWorker({ store, db, onEvent, egress });
      queue = worker;
      await worker.done.catch((err: unknown) => onEvent(String(err)));
      return;
    }
    const { runDueWatchesLocally } = await import('../worker/local-scheduler.js');
    while (!controller.stopped) {
      await runDueWatchesLocally({ store, db, onEvent, egress }).catch((err: unknown) =>
        onEvent(String(err)),
      );
      for (let waited = 0; !controller.stopped && waited < 60_000; waited += 250)
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return {
    async stop() {
      controller.stopped = true;
      await queue?.stop();
      await loop;
    },
  };
}
