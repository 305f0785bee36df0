import type { Command } from '@commander-js/extra-typings';
import { InputError } from '../errors.js';
import { getScheme, schemeAliases, versionSchemes } from '../version/index.js';
import type { VersionScheme } from '../version/types.js';
import type { CliCommand } from './cli-command.js';
import { emit } from './output.js';

const SYMBOL = { '-1': '<', '0': '=', '1': '>' } as const;

function requireValid(scheme: VersionScheme, version: string): void {
  if (!scheme.isValid(version)) {
    throw new InputError(`"${version}" is not a valid ${scheme.name} version`);
  }
}

/** The lines of `version schemes`: each scheme with the other names it answers to. */
export function schemeListing(): string {
  const aliases = new Map<string, string[]>();
  for (const [alias, name] of schemeAliases) aliases.set(name, [...(aliases.get(name) ?? []), alias]);
  return [...versionSchemes.keys()]
    .map((name) => {
      const others = aliases.get(name);
      return others ? `${name.padEnd(8)} (also: ${others.join(', ')})` : name;
    })
    .join('\n');
}

/** `cleanroom version compare|schemes`: compare two versions the way the matcher does. */
export const versionCommand: CliCommand = {
  register(program: Command) {
    const version = program.command('version').description('compare versions in a package version scheme');
    version
      .command('compare')
      .description('print <, = or > for two versions in a scheme')
      .argument('<scheme>', `version scheme or alias (${[...versionSchemes.keys()].join(', ')})`)
      .argument('<a>', 'first version')
      .argument('<b>', 'second version')
      .addHelpText(
        'after',
        `
Exit code 2 when a version is not valid in the scheme or the scheme is unknown.

Examples:
  $ cleanroom version compare dpkg 1:2.0~rc1-1 1:2.0-1      # <
  $ cleanroom version compare apk 1.2.3_p1-r0 1.2.3-r5      # >
  $ cleanroom version compare rpm 1.0^git1 1.0              # >
  $ cleanroom version compare pypi 1.0.post1 1.0            # >
  $ cleanroom version compare maven 1.0-SNAPSHOT 1.0        # <
  $ cleanroom version compare go v1.2.4-0.20191109021931-daa7c04131f5 v1.2.3   # >`,
      )
      .action(async (schemeName, a, b) => {
        const scheme = getScheme(schemeName);
        requireValid(scheme, a);
        requireValid(scheme, b);
        await emit(SYMBOL[scheme.compare(a, b)]);
      });
    version
      .command('schemes')
      .description('list the version schemes and their aliases')
      .action(async () => {
        await emit(schemeListing());
      });
  },
};
