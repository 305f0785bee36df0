import { InvalidArgumentError, Option, type Command } from '@commander-js/extra-typings';
import type { CliCommand } from './commands.js';
import { dbOption, storeOption } from './history-options.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new InvalidArgumentError('expected a port number (0–65535).');
  return port;
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
      .addHelpText(
        'after',
        `
Examples:
  $ cleanroom serve
  $ cleanroom serve --store postgres://db/cleanroom --host 0.0.0.0 --private
  $ cleanroom token create --scope write --name ci`,
      )
      .action(async (opts) => {
        const [{ openServerContext }, { buildApp }] = await Promise.all([
          import('../server/context.js'),
          import('../server/app.js'),
        ]);
        if (!LOOPBACK.has(opts.host) && !opts.private)
          process.stderr.write(
            `cleanroom: warning: serving on ${opts.host} without --private: anyone who reaches it can read the history\n`,
          );
        const ctx = await openServerContext(opts.store, opts.db);
        const app = await buildApp(ctx, {
          private: Boolean(opts.private),
          logger: true,
          slowRoute: process.env.CLEANROOM_TEST_SLOW_ROUTE === '1',
        });
        const address = await app.listen({ host: opts.host, port: opts.port });
        process.stderr.write(`cleanroom: serving on ${address}\n`);
        // SIGTERM / SIGINT: stop accepting, let the requests in flight finish, then exit 0
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGTERM', stop).off('SIGINT', stop);
            resolve();
          };
          process.on('SIGTERM', stop).on('SIGINT', stop);
        });
        await app.close();
        await ctx.close();
      });
  },
};
