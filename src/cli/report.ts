import { InvalidArgumentError, Option, type Command } from '@commander-js/extra-typings';
import { InputError } from '../errors.js';
import type { CliCommand } from './cli-command.js';
import {
  countByOption,
  cveOnlyOption,
  dbOption,
  ignoreStatesOption,
  lensOption,
  negligibleOption,
  onlyFixedOption,
  rulesFromOptions,
  storeOption,
} from './history-options.js';
import { emit, writeFileAtomic } from './output.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const SEVERITY_NAMES = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];

// `--hours-per-cve 3` or `--hours-per-cve critical=8` (repeatable)
function hoursOption(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function parseHours(values: string[] | undefined): {
  hoursPerCve?: number;
  hoursBySeverity: Record<string, number>;
} {
  const out: { hoursPerCve?: number; hoursBySeverity: Record<string, number> } = { hoursBySeverity: {} };
  for (const v of values ?? []) {
    const m = /^(?:([a-z]+)=)?(-?[\d.]+)$/.exec(v.trim());
    if (!m) throw new InputError(`--hours-per-cve: "${v}" is not a number or SEVERITY=NUMBER`);
    const n = Number(m[2]);
    if (!m[1]) out.hoursPerCve = n;
    else if (SEVERITY_NAMES.includes(m[1])) out.hoursBySeverity[m[1]] = n;
    else throw new InputError(`--hours-per-cve: "${m[1]}" is not a severity (${SEVERITY_NAMES.join(', ')})`);
  }
  return out;
}

const number = (name: string) => (v: string) => {
  const n = Number(v);
  if (v.trim() === '' || Number.isNaN(n)) throw new InvalidArgumentError(`${name} takes a number.`);
  return n;
};

/** `cleanroom report`: the ROI report since the user's start date. */
export const reportCommand: CliCommand = {
  register(program: Command) {
    program
      .command('report')
      .description(
        'the ROI report since a date: CVEs resolved, time to fix, hours and money saved, CVEs avoided',
      )
      .argument('<name:tag...>', 'the images you use, recorded with track or import')
      .requiredOption('--since <date>', 'your start date: the report covers since then')
      .option('--to <date>', 'last day (default: today)')
      .option(
        '--alternative <name:tag[@date]>',
        'an image you would have used instead (repeatable); @DATE pins it: as if never rebuilt after that day',
        collect,
      )
      .option(
        '--hours-per-cve <n | severity=n>',
        'engineering hours one CVE costs (default 3; repeatable per severity)',
        hoursOption,
      )
      .option('--hourly-rate <n>', 'cost of one engineering hour (default 100)', number('--hourly-rate'))
      .option('--currency <code>', 'currency of the hourly rate', 'USD')
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
          .choices(['html', 'pdf', 'md', 'json', 'csv'] as const)
          .default('html' as const),
      )
      .option('-o, --output <file>', 'write to a file instead of stdout (a PDF needs one)')
      .addHelpText(
        'after',
        `
Examples:
  $ cleanroom report cgr.dev/chainguard/python:latest --since 2024-01-01 --alternative python:3.12 --output roi.html
  $ cleanroom report python:latest --since 2024-06-01 --hours-per-cve 2 --hours-per-cve critical=8 --hourly-rate 120 --currency EUR --format pdf --output roi.pdf
  $ cleanroom report python:latest --since 2024-01-01 --format csv
  $ cleanroom report cgr.dev/chainguard/python:latest --since 2024-01-01 --alternative debian/python:bookworm@2024-01-01`,
      )
      .action(async (refs, opts) => {
        if (opts.format === 'pdf' && !opts.output)
          throw new InputError('--format pdf writes a file: give --output FILE.pdf');
        const hours = parseHours(opts.hoursPerCve);
        const [{ roiReport }, { renderRoiReport }] = await Promise.all([
          import('../history/resolved/roi-report.js'),
          import('../report/roi/index.js'),
        ]);
        const report = await roiReport(refs, {
          since: opts.since,
          to: opts.to,
          alternatives: opts.alternative,
          assumptions: {
            ...(hours.hoursPerCve !== undefined ? { hoursPerCve: hours.hoursPerCve } : {}),
            hoursBySeverity: hours.hoursBySeverity,
            ...(opts.hourlyRate !== undefined ? { hourlyRate: opts.hourlyRate } : {}),
            currency: opts.currency,
          },
          store: opts.store,
          db: opts.db,
          vex: opts.vex,
          lens: opts.lens,
          rules: rulesFromOptions(opts),
        });
        const out = await renderRoiReport(opts.format, report);
        if (typeof out === 'string') await emit(out, opts.output);
        else await writeFileAtomic(opts.output!, out);
      });
  },
};
