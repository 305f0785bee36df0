import type { Command } from '@commander-js/extra-typings';

/**
 * A CLI command: one file per command under src/cli, listed once in `commands.ts`. Apart from the
 * list so that a command's file needs only this type, not the list that loads it.
 */
export interface CliCommand {
  register(program: Command): void;
}
