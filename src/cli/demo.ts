import type { Command } from '@commander-js/extra-typings';
import { fileURLToPath } from 'node:url';
import { sbomFormats } from '../report/sbom/registry.js';
import type { CliCommand } from './commands.js';
import { emit, isInteractive } from './output.js';

/** The example image bundled in examples/ (src/cli and dist/cli are both two levels down). */
export const DEMO_IMAGE = fileURLToPath(
  new URL('../../examples/alpine-3.9.4.docker.tar.gz', import.meta.url),
);

/** `cleanroom demo`: what the tool does, offline, on the bundled example image. */
export const demoCommand: CliCommand = {
  register(program: Command) {
    program
      .command('demo')
      .description('show, offline, the package inventory of the example image in examples/')
      .action(async () => {
        // loaded on use, so other commands do not pay for the image and catalog stages at start-up
        const { sbom } = await import('../sbom.js');
        const inventory = await sbom(DEMO_IMAGE);
        const table = sbomFormats
          .get('table')!
          .render(inventory, { now: new Date(), color: isInteractive() });
        const intro =
          'cleanroom demo: the packages of Alpine 3.9.4 (examples/alpine-3.9.4.docker.tar.gz), read offline.\n' +
          'Next: `cleanroom sbom IMAGE --format cyclonedx-json` for a standard SBOM of your own image.\n\n';
        await emit(intro + table);
      });
  },
};
