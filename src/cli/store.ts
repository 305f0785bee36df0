import type { Command } from '@commander-js/extra-typings';
import type { CliCommand } from './cli-command.js';
import { emit } from './output.js';

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
  },
};
