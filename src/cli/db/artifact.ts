/**
 * The advisory DB as an OCI artifact on the command line: `db push REF` and the `--from REF`
 * branch of `db update`. The work is in advisory/db/oci-artifact; this file only reads options
 * and prints one line.
 */
import type { Command } from '@commander-js/extra-typings';
import { Option } from '@commander-js/extra-typings';
import { defaultDbPath } from '../../advisory/db/paths.js';
import { redactUrl } from '../../store/postgres-errors.js';

const MiB = 1024 * 1024;
const size = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

/** Registers `db push REF` under the `db` command group. */
export function registerDbPush(db: Command): void {
  db.command('push')
    .description('publish the advisory DB to an OCI registry as an artifact (gzipped, annotated)')
    .argument('<ref>', 'where to push: HOST/REPOSITORY:TAG')
    .addOption(
      new Option('--db <file>', 'the advisory DB (file or postgres:// URL)').default(defaultDbPath()),
    )
    .option('--plain-http', 'talk to the registry over http (a local registry)')
    .addHelpText(
      'after',
      `
Examples:
  $ cleanroom db push registry.example.com/security/advisory-db:latest
  $ cleanroom db push localhost:5000/advisory-db:2024-06-01 --db ./advisory.db --plain-http

Other machines then run "cleanroom db update --from REF". Credentials come from docker login.`,
    )
    .action(async (ref, opts) => {
      const started = performance.now();
      const { pushAdvisoryDb } = await import('../../advisory/db/oci-artifact/push.js');
      const result = await pushAdvisoryDb({ ref, db: opts.db, plainHttp: Boolean(opts.plainHttp) });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const how = result.uploaded ? 'uploaded' : 'already in the registry';
      process.stderr.write(
        `pushed ${redactUrl(opts.db)} to ${result.pushed} (${size(result.dbSize)} as ${size(result.blobSize)} gzipped, ${how}) in ${seconds} s\n`,
      );
    });
}

/** Runs `db update --from REF`: pull, verify and swap in a pushed DB instead of building one. */
export async function updateFromRegistry(opts: {
  from: string;
  db: string;
  plainHttp?: boolean;
}): Promise<void> {
  const started = performance.now();
  const { updateFromArtifact } = await import('../../advisory/db/oci-artifact/pull.js');
  const result = await updateFromArtifact({
    from: opts.from,
    db: opts.db,
    plainHttp: Boolean(opts.plainHttp),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.unchanged)
    return void process.stderr.write(
      `${redactUrl(opts.db)} is up to date with ${opts.from} (${result.digest})\n`,
    );
  process.stderr.write(
    `updated ${redactUrl(opts.db)} from ${opts.from} (${result.digest}, built ${result.builtAt}, schema ${result.schemaVersion}, ${size(result.bytes)} pulled) in ${seconds} s\n`,
  );
}
