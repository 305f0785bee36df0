import type { Command } from '@commander-js/extra-typings';
import { InputError } from '../errors.js';
import type { CliCommand } from './cli-command.js';
import { emit } from './output.js';
import { layerProgress } from './progress.js';

/** SOURCE_DATE_EPOCH (reproducible-builds.org) as seconds, or undefined; a bad value is an input error. */
function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value))
    throw new InputError(`SOURCE_DATE_EPOCH must be a number of seconds, not "${value}"`);
  return Number(value);
}

/** `cleanroom build`: a minimal Debian image from the dependency closure of an image file's packages. */
export const buildCommand: CliCommand = {
  register(program: Command) {
    program
      .command('build')
      .description('build a minimal image from the dependency closure of the packages an image file declares')
      .argument('<file>', 'the image file (cleanroom.yaml)')
      .option('-o, --output <path>', 'the OCI layout to write: a folder, or a tar when PATH ends in .tar')
      .option('--lock <file>', 'honour the versions of this lock file, and write the resolved ones to it')
      .option('--explain <package>', 'print why a package is in the closure, and build nothing')
      .addHelpText(
        'after',
        `
The CycloneDX SBOM of the image is written beside it (PATH without .tar, plus .cdx.json).
Mtimes and the image's creation time come from SOURCE_DATE_EPOCH, else from the newest package.

Examples:
  $ cleanroom build examples/build/python.yaml --output python.oci.tar
  $ cleanroom build cleanroom.yaml --output ./image --lock cleanroom.lock
  $ cleanroom build cleanroom.yaml --explain libssl3`,
      )
      .action(async (file, opts) => {
        const { readImageFile } = await import('../builder/image-file.js');
        const image = await readImageFile(file);
        if (opts.explain) {
          const { explainImagePackage } = await import('../builder/explain-image.js');
          await emit(await explainImagePackage(image, file, opts.explain, opts.lock));
          return;
        }
        if (!opts.output) throw new InputError('cleanroom build needs --output PATH (or --explain PACKAGE)');
        const { buildImage } = await import('../builder/build-image.js');
        const progress = layerProgress();
        const result = await buildImage(image, {
          file,
          output: opts.output,
          lock: opts.lock,
          sourceDateEpoch: sourceDateEpoch(),
          onProgress: progress.onProgress,
        }).finally(progress.stop);
        const lines = [...result.digests].map(([arch, digest]) => {
          const count = result.resolution.closures.get(arch)?.packages.length ?? 0;
          return `${result.output} ${arch} ${digest} (${count} packages)`;
        });
        await emit([...lines, `sbom: ${result.sbom}`].join('\n'));
      });
  },
};
