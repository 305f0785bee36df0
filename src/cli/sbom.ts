import { Option, type Command } from '@commander-js/extra-typings';
import { sbomFormats } from '../report/sbom/registry.js';
import type { CliCommand } from './cli-command.js';
import { emit, isInteractive } from './output.js';
import { parseByteCount, parseByteSize } from './parse-options.js';
import { layerProgress } from './progress.js';

/** `cleanroom sbom`: the package inventory of an image, in one of the SBOM formats. */
export const sbomCommand: CliCommand = {
  register(program: Command) {
    program
      .command('sbom')
      .description('list the packages of an image (software bill of materials)')
      .argument(
        '<source>',
        'image: docker archive (.tar, .tar.gz), OCI layout (folder or .tar), registry reference, or folder',
      )
      .addOption(
        new Option('-f, --format <format>', 'output format')
          .choices([...sbomFormats.keys()])
          .default('table'),
      )
      .option('-o, --output <file>', 'write to a file (atomically) instead of stdout')
      .option('--platform <os/arch>', 'platform to pick from a multi-platform image', 'linux/amd64')
      .option('--max-layer-bytes <n>', 'refuse a layer that expands past this many bytes', parseByteCount)
      .option('--plain-http', 'talk to the registry over http (a local registry)')
      .option(
        '--cache-max-bytes <size>',
        'after pulling, trim the registry blob cache to this size (500M, 2G)',
        parseByteSize,
      )
      .addHelpText(
        'after',
        `
Formats:
${[...sbomFormats.values()].map((f) => `  ${f.name.padEnd(16)}${f.description}`).join('\n')}

Examples:
  $ cleanroom sbom alpine.tar.gz
  $ cleanroom sbom debian.oci.tar --format cyclonedx-json --output sbom.cdx.json
  $ cleanroom sbom oci-dir:./layout --platform linux/arm64 --format spdx-json
  $ cleanroom sbom docker-archive:images.tar:myapp:1.2 --format json
  $ cleanroom sbom localhost:5000/app:latest --plain-http
  $ cleanroom sbom registry.example.com/app:1.2 --cache-max-bytes 2G`,
      )
      .action(async (source, opts) => {
        // loaded on use, so other commands do not pay for the image and catalog stages at start-up
        const { sbom } = await import('../sbom.js');
        const progress = layerProgress();
        const inventory = await sbom(source, {
          platform: opts.platform,
          maxLayerBytes: opts.maxLayerBytes,
          plainHttp: opts.plainHttp,
          cacheMaxBytes: opts.cacheMaxBytes,
          onProgress: progress.onProgress,
        }).finally(progress.stop);
        const format = sbomFormats.get(opts.format)!;
        const toTerminal = !opts.output || opts.output === '-';
        const text = format.render(inventory, { now: new Date(), color: toTerminal && isInteractive() });
        await emit(text, opts.output);
      });
  },
};
