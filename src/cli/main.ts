import { Command, CommanderError } from '@commander-js/extra-typings';
import { InputError, PolicyError, errorMessage } from '../errors.js';
import { commands } from './commands.js';
import { SCANNER } from '../scanner.js';
import { setFlagsFromString } from 'node:v8';

// loaded when --ca-file is given (and kept to reset it on the next in-process run)
let tlsSettings: { useCaFile(path: string | undefined): void } | undefined;

/**
 * Commands that stream image layers once and exit. Every decompressed chunk is a fresh buffer
 * outside the JS heap, freed only when a collection finds it dead; a young generation kept at its
 * starting size is collected often enough that they never pile up (peak RSS of `sbom` of the
 * Debian image ~125 -> ~110 MB, for no measurable CPU).
 */
const STREAMING_COMMANDS = new Set(['sbom', 'scan', 'track']);

/**
 * Builds the program for `argv`: every command of the registry in `commands.ts` is listed (name,
 * arguments, description), but only the one `argv` names is loaded and registered in full, so
 * `--version`, `--help` and each command pay only for what they run.
 */
export async function buildProgram(argv: string[]): Promise<Command> {
  const program = new Command('cleanroom')
    .description('Scan container images into SBOMs and findings, and keep their CVE history.')
    .version(SCANNER.version, '-V, --version')
    .option('--debug', 'print stack traces of errors')
    .option(
      '--ca-file <path>',
      'trust the CA certificates in this PEM file for every registry (else SSL_CERT_FILE)',
    )
    .hook('preAction', async (root) => {
      const caFile = root.opts().caFile;
      if (caFile !== undefined) tlsSettings ??= await import('../image/registry/tls-settings.js');
      tlsSettings?.useCaFile(caFile);
    })
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const wanted = requestedCommand(program, argv.slice(2));
  if (wanted !== undefined && STREAMING_COMMANDS.has(wanted))
    setFlagsFromString('--semi-space-growth-factor=1');
  for (const entry of commands) {
    if (entry.name === wanted) (await entry.load()).register(program);
    else {
      const stub = program.command(entry.name).description(entry.description);
      if (entry.args) stub.arguments(entry.args);
    }
  }
  return program;
}

// the first operand names the command (`help NAME` asks for NAME's help); the value of a global
// option that takes one (`--ca-file PATH`) is not an operand
function requestedCommand(program: Command, args: string[]): string | undefined {
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) operands.push(arg);
    else if (!arg.includes('=')) {
      const option = program.options.find((o) => o.long === arg || o.short === arg);
      if (option?.required) i++;
    }
  }
  return operands[0] === 'help' ? operands[1] : operands[0];
}

/** Runs the CLI and returns the exit code: 0 ok, 1 policy failure, 2 usage or input error. */
export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return reportError(err, argv.includes('--debug'));
  }
}

function reportError(err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    // commander already printed its message; help and version exit with code 0
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof PolicyError) {
    process.stderr.write(`cleanroom: ${err.message}\n`);
    return 1;
  }
  const message = errorMessage(err);
  process.stderr.write(`cleanroom: ${message}${/[.!?]$/.test(message) ? '' : '.'}\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  else if (!(err instanceof InputError)) process.stderr.write('(run with --debug for details)\n');
  return 2;
}
