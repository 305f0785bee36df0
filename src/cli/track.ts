import type { Command } from '@commander-js/extra-typings';
import { InputError } from '../errors.js';
import { parseUserTime } from '../time/instant.js';
import type { CliCommand } from './cli-command.js';
import { parseByteSize } from './parse-options.js';
import { dbOption, formatOption, parsePeriod, storeOption } from './history-options.js';
import { emit } from './output.js';
import { repeatEvery } from './repeat.js';
import { layerProgress } from './progress.js';

/** `cleanroom track`: scans sources and records them as observations of one tag. */
export const trackCommand: CliCommand = {
  register(program: Command) {
    program
      .command('track')
      .description('scan images or SBOMs and record each as an observation of NAME:TAG in the history store')
      .argument('<source...>', 'images (registry reference, archive, OCI layout, folder) or SBOM files')
      .requiredOption('--as <name:tag>', 'the image and tag the sources are observations of')
      .option('--at <date>', 'date of the point (default: the SBOM timestamp, else the time of the scan)')
      .option(
        '--every <period>',
        'keep running and track again every period (30m, 24h, 7d) until stopped',
        parsePeriod,
      )
      .addOption(storeOption())
      .addOption(dbOption())
      .addOption(formatOption())
      .option('--server <url>', "record on this cleanroom server's API instead of a local store")
      .option('--token <token>', 'with --server: a token with scope write (default: $CLEANROOM_TOKEN)')
      .option('--platform <os/arch>', 'platform to pick from a multi-platform image', 'linux/amd64')
      .option('--plain-http', 'talk to the registry over http (a local registry)')
      .option(
        '--cache-max-bytes <size>',
        'after each pull, trim the registry blob cache to this size (500M, 2G)',
        parseByteSize,
      )
      .addHelpText(
        'after',
        `
Examples:
  $ cleanroom track python:3.12-slim --as python:3.12-slim
  $ cleanroom track history/python/*.cdx.json --as python:latest      # backfill from dated SBOMs
  $ cleanroom track alpine-3.9.4.tar --as alpine:3 --at 2019-05-11
  $ cleanroom track registry.local/app:1 --as app:1 --every 24h --store postgres://db/cleanroom
  $ cleanroom track registry.local/app:1 --as app:1 --every 24h --cache-max-bytes 20G
  $ CLEANROOM_TOKEN=crt_… cleanroom track app.tar --as app:main --server https://cleanroom.example.com`,
      )
      .action(async (sources, opts) => {
        if (opts.every && opts.at)
          throw new InputError('--at and --every do not go together: a repeated track is dated by each scan');
        const at = opts.at ? parseUserTime(opts.at, '--at') : undefined;
        if (opts.token && !opts.server) throw new InputError('--token goes with --server');
        // --server: the SBOM goes to the server's API, nothing is written here (remote-record.ts)
        const { serverTarget } = await import('./server-client.js');
        const remote = opts.server ? serverTarget(opts.server, opts.token) : undefined;
        const { trackOnServer } = await import('./remote-record.js');
        const { track } = await import('../history/track.js');
        const { renderTrack } = await import('../history/render/record.js');
        const once = async () => {
          const progress = sources.length > 1 ? layerProgress() : { onProgress: undefined, stop: () => {} };
          const common = {
            as: opts.as,
            at,
            platform: opts.platform,
            plainHttp: opts.plainHttp,
            cacheMaxBytes: opts.cacheMaxBytes,
            onSource: (done: number, total: number, source: string) =>
              progress.onProgress?.({ task: source, done, total }),
          };
          const result = await (
            remote
              ? trackOnServer(remote, sources, common)
              : track(sources, { ...common, store: opts.store, db: opts.db })
          ).finally(progress.stop);
          await emit(renderTrack(opts.format, result));
        };
        await repeatEvery(opts.every, once);
      });
  },
};
