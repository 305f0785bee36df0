import { InvalidArgumentError, Option, type Command } from '@commander-js/extra-typings';
import type { CliCommand } from './cli-command.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new InvalidArgumentError('expected a port number (0–65535).');
  return port;
}

/**
 * `cleanroom demo`: builds an advisory DB and a history store from the real data in examples/demo
 * (offline, SQLite), then serves the console over it. `--scan` is the first demo (scan one image).
 */
export const demoCommand: CliCommand = {
  register(program: Command) {
    program
      .command('demo')
      .description('offline: build a history of real example images, then serve the web console over it')
      .option('--dir <folder>', 'where the demo store is built and reused (default: the user data folder)')
      .option('--host <address>', 'address to bind', '127.0.0.1')
      .addOption(
        new Option('--port <port>', 'port to listen on (0: any free one)').argParser(parsePort).default(8080),
      )
      .option('--no-serve', 'build (or reuse) the demo store and exit')
      .option('--scan', 'instead: scan the bundled Alpine image and print its packages and findings')
      .action(async (opts) => {
        if (opts.scan) return (await import('./demo-scan.js')).demoScan();
        const { prepareDemo, defaultDemoDir } = await import('./demo-data.js');
        const log = (line: string) => process.stderr.write(`cleanroom demo: ${line}\n`);
        const started = performance.now();
        const demo = await prepareDemo(opts.dir ?? defaultDemoDir(), log);
        const took = ((performance.now() - started) / 1000).toFixed(1);
        log(`${demo.reused ? 'reusing' : 'built'} ${demo.dir} (${took} s)`);
        log(await refreshDemoSeries(demo.store, demo.db));
        if (!opts.serve) {
          process.stdout.write(
            JSON.stringify({ store: demo.store, db: demo.db, reused: demo.reused }) + '\n',
          );
          return;
        }
        const [{ openServerContext }, { buildApp }] = await Promise.all([
          import('../server/context.js'),
          import('../server/app.js'),
        ]);
        const ctx = await openServerContext(demo.store, demo.db);
        const app = await buildApp(ctx, { logger: false });
        const address = await app.listen({ host: opts.host, port: opts.port });
        const refreshing = (await import('../server/refresher.js')).startRefresher(ctx, 60_000, log);
        process.stderr.write(`cleanroom: serving on ${address}\n`);
        process.stdout.write(`Open ${address}/ in a browser (Ctrl-C stops).\n`);
        // Ctrl-C / SIGTERM: let requests in flight finish, close the store, exit 0
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGTERM', stop).off('SIGINT', stop);
            resolve();
          };
          process.on('SIGTERM', stop).on('SIGINT', stop);
        });
        await refreshing.stop();
        await app.close();
        await ctx.close();
      });
  },
};

// the demo's series, materialised before the console opens on them (src/history/materialise/)
async function refreshDemoSeries(storePath: string, dbPath: string): Promise<string> {
  const [{ openHistoryStore }, { openAdvisoryDb }, { refreshSeries }] = await Promise.all([
    import('../history/store/open.js'),
    import('../advisory/db/index.js'),
    import('../history/materialise/refresh.js'),
  ]);
  const store = await openHistoryStore(storePath);
  try {
    const reader = await openAdvisoryDb(dbPath);
    try {
      const r = await refreshSeries(store, reader);
      const done = r.tags.computed.length + r.tags.recomputed.length + r.tags.dirty.length;
      return `series of ${done + r.tags.extended.length + r.tags.kept.length + r.tags.current.length} tags current (${r.days} days computed in ${(r.ms / 1000).toFixed(1)} s)`;
    } finally {
      await reader.close();
    }
  } finally {
    await store.close();
  }
}
