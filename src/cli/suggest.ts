import { Option, type Command } from '@commander-js/extra-typings';
import { InputError } from '../errors.js';
import type { CliCommand } from './cli-command.js';
import { dbOption, storeOption } from './history-options.js';
import { emit } from './output.js';
import { layerProgress } from './progress.js';

/** `cleanroom suggest`: the minimal alternative of an image, built from its own closure and proven. */
export const suggestCommand: CliCommand = {
  register(program: Command) {
    program
      .command('suggest')
      .description(
        'build the minimal alternative of a Debian-based image from what its program needs, and prove the difference',
      )
      .argument('<source>', 'image: registry reference, docker or OCI archive, OCI layout, or root folder')
      .option(
        '--check <command>',
        'run this command in the built image as its user (chroot); fail if it fails',
      )
      .option(
        '--output <dir>',
        'folder for cleanroom.yaml, the application layer, the image and its SBOM',
        'suggestion',
      )
      .addOption(
        new Option('-f, --format <format>', 'output format')
          .choices(['table', 'json'] as const)
          .default('table' as const),
      )
      .option('--explain <package>', 'say why a package is in the suggestion')
      .option(
        '--track <name:tag>',
        'record the original as NAME:TAG and the suggestion as NAME:TAG-cleanroom, and keep the suggestion for the console',
      )
      .option(
        '--counterpart <ref>',
        'also compare this image (registry reference, archive, OCI layout) beside the suggestion; repeatable',
        (value: string, list: string[]) => [...list, value],
        [] as string[],
      )
      .addOption(dbOption())
      .addOption(storeOption())
      .option('--platform <os/arch>', 'platform to pick from a multi-platform image', 'linux/amd64')
      .option('--plain-http', 'talk to the registry over http (a local registry)')
      .addHelpText(
        'after',
        `
Examples:
  $ cleanroom suggest python:3.12-slim --check "python3 -c 'import ssl'"
  $ cleanroom suggest app.oci.tar --output app-min --check "/app/server --version" --track app:1
  $ cleanroom suggest app.oci.tar --explain libssl3 --format json
  $ cleanroom suggest app.oci.tar --counterpart gcr.io/distroless/python3-debian12:nonroot`,
      )
      .action(async (source, opts) => {
        if (opts.track && !/^[^:@\s]+(:[^:@\s]+)?$/.test(opts.track.replace(/^[^/]+\//, '')))
          throw new InputError(`--track ${opts.track} is not NAME:TAG`);
        const [{ suggest }, { renderSuggestion }] = await Promise.all([
          import('../builder/suggest/suggest.js'),
          import('../builder/suggest/render.js'),
        ]);
        const progress = layerProgress();
        const result = await suggest(source, {
          output: opts.output,
          check: opts.check,
          explain: opts.explain,
          db: opts.db,
          platform: opts.platform,
          plainHttp: opts.plainHttp,
          counterparts: opts.counterpart,
          onBuildProgress: progress.onProgress,
        }).finally(progress.stop);
        if (opts.track) {
          const [{ track }, { parseTagRef }, { suggestedTagOf }] = await Promise.all([
            import('../history/track.js'),
            import('../history/image-ref.js'),
            import('../builder/suggest/stored-suggestion.js'),
          ]);
          const ref = opts.track.includes(':') ? opts.track : `${opts.track}:latest`;
          const tagRef = parseTagRef(ref, '--track');
          await track([source], {
            as: ref,
            store: opts.store,
            db: opts.db,
            platform: opts.platform,
            plainHttp: opts.plainHttp,
          });
          const suggested = `${tagRef.image}:${suggestedTagOf(tagRef.tag)}`;
          await track([result.files.image], { as: suggested, store: opts.store, db: opts.db });
          result.notes.push(
            `tracked ${source} as ${ref} and the suggestion as ${suggested}: cleanroom compare ${ref} ${suggested}; the console shows it in the Alternatives tab of ${ref}`,
          );
          const [{ readFile }, { saveSuggestion }, { withHistoryStore }] = await Promise.all([
            import('node:fs/promises'),
            import('../builder/suggest/stored-suggestion.js'),
            import('../history/store/open.js'),
          ]);
          const imageFile = await readFile(result.files.imageFile, 'utf8');
          await withHistoryStore(opts.store, {}, (store) =>
            saveSuggestion(store, {
              schemaVersion: '1',
              image: tagRef.image,
              tag: tagRef.tag,
              suggestedTag: suggestedTagOf(tagRef.tag),
              createdAt: new Date().toISOString(),
              imageFile,
              suggestion: result,
            }),
          );
        }
        await emit(renderSuggestion(result, opts.format));
      });
  },
};
