import type { Command } from '@commander-js/extra-typings';
import type { CliCommand } from './cli-command.js';
import {
  countByOption,
  cveOnlyOption,
  ignoreStatesOption,
  lensOption,
  negligibleOption,
  onlyFixedOption,
  rulesFromOptions,
  dbOption,
  formatOption,
  storeOption,
} from './history-options.js';
import { emit, isInteractive } from './output.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `cleanroom history`: the daily series of one tag. */
export const historyCommand: CliCommand = {
  register(program: Command) {
    program
      .command('history')
      .description('the daily CVE series of NAME:TAG by severity and fix state, observed or replayed')
      .argument('<name:tag>', 'an image and tag recorded with track or import')
      .option('--from <date>', 'first day (default: 29 days before --to)')
      .option('--to <date>', 'last day (default: today)')
      .option(
        '--replay',
        'give every day a point: the digest of that day matched against the advisories as known that day',
      )
      .option(
        '--vex <file>',
        'count after VEX: an OpenVEX or CycloneDX VEX document whose fixed / not_affected statements are not counted from their timestamps on (repeatable)',
        collect,
      )
      .addOption(lensOption())
      .addOption(countByOption())
      .addOption(negligibleOption())
      .addOption(onlyFixedOption())
      .addOption(cveOnlyOption())
      .addOption(ignoreStatesOption())
      .addOption(storeOption())
      .addOption(dbOption())
      .addOption(formatOption())
      .option('-o, --output <file>', 'write to a file instead of stdout')
      .addHelpText(
        'after',
        `
Examples:
  $ cleanroom history python:latest
  $ cleanroom history python:latest --from 2024-01-01 --to 2024-12-31 --replay
  $ cleanroom history alpine:3 --format csv --output alpine.csv
  $ cleanroom history python:latest --replay --vex python.openvex.json   # after VEX`,
      )
      .action(async (ref, opts) => {
        const [{ history }, { renderHistory }] = await Promise.all([
          import('../history/history.js'),
          import('../history/render/index.js'),
        ]);
        const result = await history(ref, {
          from: opts.from,
          to: opts.to,
          replay: opts.replay,
          store: opts.store,
          db: opts.db,
          vex: opts.vex,
          lens: opts.lens,
          rules: rulesFromOptions(opts),
        });
        await emit(renderHistory(opts.format, result, !opts.output && isInteractive()), opts.output);
      });
  },
};
