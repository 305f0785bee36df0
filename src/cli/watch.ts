import { Option, type Command } from '@commander-js/extra-typings';
import type { CliCommand } from './cli-command.js';
import { parsePeriod, storeOption } from './history-options.js';
import { emit } from './output.js';

const formatOption = () =>
  new Option('-f, --format <format>', 'output format')
    .choices(['table', 'json'] as const)
    .default('table' as const);

const every = (seconds: number) =>
  seconds % 86_400 === 0
    ? `${seconds / 86_400}d`
    : seconds % 3600 === 0
      ? `${seconds / 3600}h`
      : `${seconds / 60}m`;

/** `cleanroom watch add|list|remove`: the tags a worker observes every period. */
export const watchCommand: CliCommand = {
  register(program: Command) {
    const watch = program
      .command('watch')
      .description('the tags a worker observes every period (cleanroom worker runs them)');
    watch
      .command('add')
      .description('watch NAME:TAG: observe it every period')
      .argument('<name:tag...>', 'images and tags to observe (pulled from their registry unless --source)')
      .option(
        '--source <source>',
        'what to pull instead of NAME:TAG (another reference, an archive, an OCI layout)',
      )
      .option('--every <period>', 'how often: 30m, 24h, 7d (default 24h)', parsePeriod)
      .option('--platform <os/arch>', 'platform to pick from a multi-platform image')
      .option('--plain-http', 'talk to the registry over http (a local registry)')
      .addOption(storeOption())
      .addOption(formatOption())
      .addHelpText(
        'after',
        `
Examples:
  $ cleanroom watch add cgr.dev/chainguard/python:latest python:3.12-slim
  $ cleanroom watch add localhost:5000/app:1.2 --plain-http --every 6h
  $ cleanroom watch add team/app:nightly --source ./app.oci.tar --store postgres://cleanroom@db/cleanroom`,
      )
      .action(async (refs, opts) => {
        const { addWatches } = await import('../worker/watches.js');
        const added = await addWatches(refs, {
          source: opts.source,
          everySeconds: opts.every === undefined ? undefined : opts.every / 1000,
          platform: opts.platform,
          plainHttp: opts.plainHttp,
          store: opts.store,
        });
        if (opts.format === 'json')
          return emit(JSON.stringify({ schemaVersion: '1', watches: added }, null, 2));
        await emit(
          added.map((w) => `watching ${w.ref} every ${every(w.everySeconds)} (${w.source})`).join('\n'),
        );
      });
    watch
      .command('list')
      .description('every watch, its period, its last observation and its last failure')
      .addOption(storeOption())
      .addOption(formatOption())
      .addHelpText('after', '\nExamples:\n  $ cleanroom watch list\n  $ cleanroom watch list --format json')
      .action(async (opts) => {
        const { listWatches } = await import('../worker/watches.js');
        const watches = await listWatches({ store: opts.store });
        if (opts.format === 'json') return emit(JSON.stringify({ schemaVersion: '1', watches }, null, 2));
        if (!watches.length) return emit('no watch (add one with cleanroom watch add NAME:TAG)');
        const width = Math.max(...watches.map((w) => w.ref.length));
        await emit(
          watches
            .map((w) => {
              const last = w.lastObservedAt ? `observed ${w.lastObservedAt}` : 'never observed';
              const failure = w.lastError ? `  FAILED ${w.failedAt}: ${w.lastError}` : '';
              return `${w.ref.padEnd(width)}  every ${every(w.everySeconds).padEnd(4)}  ${last}${failure}`;
            })
            .join('\n'),
        );
      });
    watch
      .command('remove')
      .description('stop watching NAME:TAG (its history stays)')
      .argument('<name:tag...>')
      .addOption(storeOption())
      .addHelpText('after', '\nExamples:\n  $ cleanroom watch remove python:3.12-slim')
      .action(async (refs, opts) => {
        const { removeWatches } = await import('../worker/watches.js');
        const n = await removeWatches(refs, { store: opts.store });
        await emit(`removed ${n} watch${n === 1 ? '' : 'es'}`);
      });
  },
};
