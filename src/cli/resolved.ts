import { Option, type Command } from '@commander-js/extra-typings';
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
  storeOption,
} from './history-options.js';
import { emit, isInteractive } from './output.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `cleanroom resolved`: what an image supplier resolved, per day, by severity and by how. */
export const resolvedCommand: CliCommand = {
  register(program: Command) {
    program
      .command('resolved')
      .description('CVEs resolved in NAME:TAG over a range: per day by severity, by how, time to fix')
      .argument('<name:tag...>', 'images and tags recorded with track or import')
      .option('--from <date>', 'first day (default: 29 days before --to)')
      .option('--to <date>', 'last day (default: today)')
      .option(
        '--vex <file>',
        'a VEX document whose fixed / not_affected statements resolve (repeatable)',
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
      .addOption(
        new Option('-f, --format <format>', 'output format')
          .choices(['table', 'json', 'csv'] as const)
          .default('table' as const),
      )
      .option('-o, --output <file>', 'write to a file instead of stdout')
      .addHelpText(
        'after',
        `
Examples:
  $ cleanroom resolved cgr.dev/chainguard/python:latest --from 2024-01-01 --to 2024-12-31
  $ cleanroom resolved python:latest nginx:latest --format csv --output resolved.csv`,
      )
      .action(async (refs, opts) => {
        const [{ resolved }, { renderResolved }] = await Promise.all([
          import('../history/resolved/resolved.js'),
          import('../report/roi/resolved.js'),
        ]);
        const result = await resolved(refs, {
          from: opts.from,
          to: opts.to,
          store: opts.store,
          db: opts.db,
          vex: opts.vex,
          lens: opts.lens,
          rules: rulesFromOptions(opts),
        });
        await emit(renderResolved(opts.format, result, !opts.output && isInteractive()), opts.output);
      });
  },
};
