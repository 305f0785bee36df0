import type { Command } from '@commander-js/extra-typings';
import { InputError } from '../errors.js';
import { parseUserTime } from '../time/instant.js';
import type { CliCommand } from './cli-command.js';
import { formatOption, storeOption } from './history-options.js';
import { emit } from './output.js';

/** `cleanroom import`: a Grype or Trivy JSON result recorded as an observation. */
export const importCommand: CliCommand = {
  register(program: Command) {
    program
      .command('import')
      .description(
        'record a Grype or Trivy JSON result as an observation of NAME:TAG, labelled with that scanner',
      )
      .argument('<file>', 'grype -o json or trivy --format json output')
      .requiredOption('--as <name:tag>', 'the image and tag the result is an observation of')
      .option('--at <date>', 'date of the point (default: when the file says the scan ran)')
      .addOption(storeOption())
      .option('--server <url>', "record on this cleanroom server's API instead of a local store")
      .option('--token <token>', 'with --server: a token with scope write (default: $CLEANROOM_TOKEN)')
      .addOption(formatOption())
      .addHelpText(
        'after',
        `
Examples:
  $ grype python:3.12 -o json > grype.json && cleanroom import grype.json --as python:3.12
  $ cleanroom import trivy-alpine.json --as alpine:3.9 --at 2021-08-25
  $ cleanroom import grype.json --as app:main --server https://cleanroom.example.com --token crt_…`,
      )
      .action(async (file, opts) => {
        const at = opts.at ? parseUserTime(opts.at, '--at') : undefined;
        const { renderImport } = await import('../history/render/record.js');
        if (opts.server) {
          // the result goes to the server's API, nothing is written here (remote-record.ts)
          const { serverTarget } = await import('./server-client.js');
          const { importOnServer } = await import('./remote-record.js');
          const target = serverTarget(opts.server, opts.token);
          await emit(renderImport(opts.format, await importOnServer(target, file, { as: opts.as, at })));
          return;
        }
        if (opts.token) throw new InputError('--token goes with --server');
        const { importResult } = await import('../history/import/index.js');
        await emit(
          renderImport(opts.format, await importResult(file, { as: opts.as, at, store: opts.store })),
        );
      });
  },
};
