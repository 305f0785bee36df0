import type { Command } from '@commander-js/extra-typings';
import type { CliCommand } from './cli-command.js';
import { dbOption, storeOption } from './history-options.js';
import { emit, isInteractive } from './output.js';

/** `cleanroom store migrate`: move the history from one store to another, checked table by table. */
export const storeCommand: CliCommand = {
  register(program: Command) {
    const store = program.command('store').description('the history store itself');
    store
      .command('migrate')
      .description(
        'copy every history table to another store in one transaction, then compare counts and checksums',
      )
      .requiredOption('--from <store>', 'the store to read: a SQLite file (sqlite:FILE) or postgres:// URL')
      .requiredOption('--to <store>', 'the store to fill: a postgres:// URL or a SQLite file')
      .addHelpText(
        'after',
        '\nExamples:\n  $ cleanroom store migrate --from sqlite:history.db --to postgres://cleanroom@db/cleanroom',
      )
      .action(async (opts) => {
        const { migrateStore } = await import('../history/store/migrate-store.js');
        const tables = await migrateStore(opts.from, opts.to);
        await emit(
          tables
            .map(
              (t) =>
                `${t.table.padEnd(12)} ${String(t.rows).padStart(8)} rows  sha256 ${t.checksum.slice(0, 16)}  same`,
            )
            .join('\n'),
        );
      });
    store
      .command('refresh')
      .description(
        "bring every tag's materialised series up to date: after new observations, a new advisory DB build, a new day",
      )
      .addOption(storeOption())
      .addOption(dbOption())
      .addHelpText(
        'after',
        `
Only the tags that need it are computed: a new observation recomputes its tag from its day; a new
DB build recomputes the tags whose packages match a record that changed; the others are kept.
\`cleanroom serve\` does the same in the background (--refresh-every).

Examples:
  $ cleanroom store refresh
  $ cleanroom store refresh --store postgres://cleanroom@db/cleanroom --db postgres://cleanroom@db/advisories`,
      )
      .action(async (opts) => {
        const [{ openHistoryStore }, { openAdvisoryDb }, { refreshSeries }] = await Promise.all([
          import('../history/store/open.js'),
          import('../advisory/db/index.js'),
          import('../history/materialise/refresh.js'),
        ]);
        const history = await openHistoryStore(opts.store, { existing: true });
        try {
          const reader = await openAdvisoryDb(opts.db);
          try {
            const live = isInteractive(process.stderr);
            const result = await refreshSeries(history, reader, {
              onTag: live
                ? (ref, action, done, total) =>
                    process.stderr.write(`\r\x1b[K${done}/${total} ${ref.image}:${ref.tag} ${action}`)
                : undefined,
            });
            if (live) process.stderr.write('\r\x1b[K');
            const rows = Object.entries(result.tags).filter(([, tags]) => tags.length > 0);
            const width = Math.max(...rows.map(([a]) => a.length), 6);
            await emit(
              [
                ...rows.map(
                  ([action, tags]) => `${action.padEnd(width)} ${String(tags.length).padStart(6)} tags`,
                ),
                `${'days'.padEnd(width)} ${String(result.days).padStart(6)} computed in ${(result.ms / 1000).toFixed(1)} s`,
              ].join('\n'),
            );
          } finally {
            await reader.close();
          }
        } finally {
          await history.close();
        }
      });
  },
};
