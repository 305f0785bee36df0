import { Option, type Command } from '@commander-js/extra-typings';
import { defaultDbPath } from '../advisory/db/paths.js';
import { SEVERITIES, type FixState, type Severity } from '../advisory/types.js';
import { InputError, PolicyError } from '../errors.js';
import type { ScanResult } from '../match/types.js';
import type { CliCommand } from './cli-command.js';
import { emit, isInteractive } from './output.js';
import { parseByteCount, parseByteSize } from './parse-options.js';
import { layerProgress } from './progress.js';
import { parseUserTime } from '../time/instant.js';

// Listed here so that `--help` does not load the renderers; a contract test keeps it true.
export const SCAN_FORMATS = ['table', 'json', 'sarif', 'cyclonedx-json', 'openvex', 'csv'];

const FIX_STATES: FixState[] = ['fixed', 'not-fixed', 'wont-fix', 'not-affected'];

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `cleanroom scan`: findings of an image or SBOM against the advisory DB. */
export const scanCommand: CliCommand = {
  register(program: Command) {
    program
      .command('scan')
      .description('match an image or SBOM against the advisory DB and list its vulnerabilities')
      .argument('<source>', 'image (registry reference, docker archive, OCI layout, folder) or SBOM file')
      .option('--db <file>', 'advisory DB file', defaultDbPath())
      .addOption(new Option('-f, --format <format>', 'output format').choices(SCAN_FORMATS).default('table'))
      .option('-o, --output <file>', 'write to a file instead of stdout')
      .addOption(
        new Option('--fail-on <severity>', 'exit 1 when a counted finding is this severe or worse').choices(
          SEVERITIES,
        ),
      )
      .option('--only-fixed', 'list only vulnerabilities that have a fix')
      .option('--cve-only', 'count only vulnerabilities with a CVE id (leave out advisories that name none)')
      .option('--ignore-states <states>', `fix states to leave out (${FIX_STATES.join(', ')})`)
      .option('--vex <file>', 'apply an OpenVEX or CycloneDX VEX document (repeatable)', collect)
      .addOption(
        new Option('--count-by <unit>', 'count unit')
          .choices(['vulnerability', 'package'])
          .default('vulnerability'),
      )
      .option('--include-negligible', 'count negligible vulnerabilities in the totals')
      .option('--show-suppressed', 'also list findings suppressed by VEX or not-affected records')
      .option('--as-of <date>', 'match against the advisories as known on this date (replay)')
      .option('--platform <os/arch>', 'platform to pick from a multi-platform image', 'linux/amd64')
      .option('--plain-http', 'talk to the registry over http (a local registry)')
      .option(
        '--cache-max-bytes <size>',
        'after pulling, trim the registry blob cache to this size (500M, 2G)',
        parseByteSize,
      )
      .option('--max-layer-bytes <n>', 'refuse a layer that expands past this many bytes', parseByteCount)
      .addHelpText(
        'after',
        `
Examples:
  $ cleanroom scan alpine.tar --db advisory.db
  $ cleanroom scan python:3.12-slim --fail-on critical --only-fixed
  $ cleanroom scan image.oci.tar --format sarif --output results.sarif
  $ cleanroom scan sbom.cdx.json --vex vex.json --show-suppressed
  $ cleanroom scan debian.tar --as-of 2024-01-01
  $ cleanroom scan registry.example.com/app:1.2 --cache-max-bytes 2G`,
      )
      .action(async (source, opts) => {
        const ignoreStates = parseStates(opts.ignoreStates);
        // Loaded on use: start-up stays fast for the other commands and for --help.
        const [{ scan }, { renderScan }] = await Promise.all([
          import('../scan.js'),
          import('../report/scan/registry.js'),
        ]);
        const progress = layerProgress();
        const result = await scan(source, {
          db: opts.db,
          vex: opts.vex,
          asOf: opts.asOf ? parseUserTime(opts.asOf, '--as-of') : undefined,
          platform: opts.platform,
          plainHttp: opts.plainHttp,
          cacheMaxBytes: opts.cacheMaxBytes,
          maxLayerBytes: opts.maxLayerBytes,
          rules: {
            countBy: opts.countBy as 'vulnerability' | 'package',
            includeNegligible: Boolean(opts.includeNegligible),
            onlyFixed: Boolean(opts.onlyFixed),
            cveOnly: Boolean(opts.cveOnly),
            ignoreStates,
          },
          onProgress: progress.onProgress,
        }).finally(progress.stop);
        const text = renderScan(opts.format, result, {
          now: new Date(result.scannedAt),
          color: !opts.output && isInteractive(),
          showSuppressed: Boolean(opts.showSuppressed),
        });
        await emit(text, opts.output);
        if (opts.failOn) failOn(result, opts.failOn as Severity);
      });
  },
};

/** Throws the policy failure of `--fail-on`: exit code 1, naming what tripped it. */
function failOn(result: ScanResult, threshold: Severity): void {
  const limit = SEVERITIES.indexOf(threshold);
  const tripping = result.findings.filter(
    (f) => f.severity !== 'unknown' && f.severity !== 'negligible' && SEVERITIES.indexOf(f.severity) <= limit,
  );
  if (tripping.length) {
    const ids = [...new Set(tripping.map((f) => f.vulnerability))];
    throw new PolicyError(
      `${ids.length} ${ids.length === 1 ? 'vulnerability is' : 'vulnerabilities are'} ${threshold} or worse (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''})`,
    );
  }
}

function parseStates(value: string | undefined): FixState[] {
  if (!value) return [];
  return value.split(',').map((s) => {
    const state = s.trim() as FixState;
    if (!FIX_STATES.includes(state))
      throw new InputError(`--ignore-states: "${s}" is not a fix state (${FIX_STATES.join(', ')})`);
    return state;
  });
}
