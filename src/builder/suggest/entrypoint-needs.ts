/** The first needs: the program the entrypoint (or cmd) runs, and the files its arguments name. */
import type { ImageLookup } from './image-lookup.js';
import type { Needs } from './needs.js';

/** Queues the entrypoint's program and the absolute file paths among its arguments. */
export async function entrypointNeeds(
  argv: readonly string[],
  lookup: ImageLookup,
  needs: Needs,
  notes: string[],
  warnings: string[],
): Promise<void> {
  if (argv.length === 0) {
    warnings.push('the image names no entrypoint or cmd: only its files were analysed');
    return;
  }
  const program = await lookup.command(argv[0]!);
  if (!program) warnings.push(`the entrypoint program ${argv[0]} is not in the image`);
  else await needs.visit(program, `the entrypoint runs ${program}`, true);
  if (argv[0] && /(^|\/)(sh|bash|dash)$/.test(argv[0]))
    notes.push(`the entrypoint runs a shell (${argv.slice(0, 2).join(' ')}): the shell stays in`);
  for (const arg of argv.slice(1))
    if (arg.startsWith('/') && (await lookup.isFile(arg)))
      await needs.visit(arg, `the entrypoint names ${arg}`, true);
}
