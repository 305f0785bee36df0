import { Option, type Command } from '@commander-js/extra-typings';
import { parseAge } from '../advisory/db/age.js';
import { InputError } from '../errors.js';
import { defaultCacheDir } from '../image/registry/blob-cache.js';
import type { CliCommand } from './cli-command.js';
import { emit } from './output.js';
import { parseByteSize } from './parse-options.js';

const MiB = 1024 * 1024;
const size = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

/** `cleanroom cache …`: how big the registry blob cache is, and trimming it. */
export const cacheCommand: CliCommand = {
  register(program: Command) {
    const cache = program
      .command('cache')
      .description('inspect and trim the cache of image blobs pulled from registries');

    cache
      .command('status')
      .description('show where the blob cache is, how many blobs it holds and their size')
      .addOption(
        new Option('-f, --format <format>', 'output format')
          .choices(['table', 'json'] as const)
          .default('table'),
      )
      .addHelpText(
        'after',
        `\nExamples:\n  $ cleanroom cache status\n  $ cleanroom cache status --format json\n\nThe cache lives in $XDG_CACHE_HOME/cleanroom (default ~/.cache/cleanroom).`,
      )
      .action(async (opts) => {
        const { blobCacheStatus } = await import('../image/registry/blob-eviction.js');
        const status = await blobCacheStatus(defaultCacheDir());
        if (opts.format === 'json') return emit(JSON.stringify({ schemaVersion: 1, ...status }, null, 2));
        const used = status.oldestUse
          ? `\nleast recently used ${status.oldestUse}, most ${status.newestUse}`
          : '';
        await emit(
          `${status.location}\n${status.count} blobs, ${size(status.bytes)} (${status.bytes} bytes)${used}`,
        );
      });

    cache
      .command('prune')
      .description('remove blobs least recently used first: down to a size, or unused for an age')
      .option(
        '--max-bytes <size>',
        'keep at most this many bytes (500M, 2G, 0 empties the cache)',
        parseByteSize,
      )
      .option('--older-than <age>', 'remove blobs not used for this long (12h, 30d, 2w)')
      .addHelpText(
        'after',
        `\nExamples:\n  $ cleanroom cache prune --max-bytes 10G\n  $ cleanroom cache prune --older-than 30d\n  $ cleanroom cache prune --max-bytes 0\n\nScans trim the cache after each pull with --cache-max-bytes.`,
      )
      .action(async (opts) => {
        if (opts.maxBytes === undefined && opts.olderThan === undefined)
          throw new InputError('cache prune needs --max-bytes, --older-than or both, to say what to remove');
        const olderThanMs = opts.olderThan === undefined ? undefined : parseAge(opts.olderThan) * 1000;
        const { evictBlobs } = await import('../image/registry/blob-eviction.js');
        const root = defaultCacheDir();
        const result = await evictBlobs(root, {
          ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
          ...(olderThanMs !== undefined ? { olderThanMs } : {}),
        });
        const why = opts.olderThan !== undefined ? `, unused for ${opts.olderThan} or more` : '';
        process.stderr.write(
          `removed ${result.removed.length} blobs (${size(result.freedBytes)})${why}; ${result.count} blobs (${size(result.bytes)}) remain in ${root}\n`,
        );
      });
  },
};
