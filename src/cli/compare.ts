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

/** `cleanroom compare`: several images side by side over one range. */
export const compareCommand: CliCommand = {
  register(program: Command) {
    program
      .command('compare')
      .description(
        'compare images over a range: latest count, daily average, size, daily series, CVEs accumulated',
      )
      .argument(
        '<images...>',
        'NAME:TAG, or NAME:TAG@DATE / NAME:TAG@sha256:… to pin the digest of that day, never rebuilt',
      )
      .option('--from <date>', 'first day (default: 29 days before --to)')
      .option('--to <date>', 'last day (default: today)')
      .option('--replay', 'replay the days of unpinned images that no scan observed')
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
  $ cleanroom compare python:latest python:3.12-slim
  $ cleanroom compare python:latest python:latest@2024-01-01 --from 2024-01-01 --to 2024-12-31
  $ cleanroom compare app:1@sha256:4f2a… app:1 --format json --output compare.json
  $ cleanroom compare python:latest python:latest@2024-01-01 --replay --vex vex.json   # after VEX`,
      )
      .action(async (refs, opts) => {
        const [{ compare }, { renderCompare }] = await Promise.all([
          import('../history/compare.js'),
          import('../history/render/index.js'),
        ]);
        const result = await compare(refs, {
          from: opts.from,
          to: opts.to,
          replay: opts.replay,
          store: opts.store,
          db: opts.db,
          vex: opts.vex,
          lens: opts.lens,
          rules: rulesFromOptions(opts),
        });
        await emit(renderCompare(opts.format, result, !opts.output && isInteractive()), opts.output);
      });
  },
};
