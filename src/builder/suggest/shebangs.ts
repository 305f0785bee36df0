/**
 * The interpreter step: the program on the `#!` line of a script that can run by it (named by the
 * entrypoint, or executable and not library code: a language's modules carry `#!` lines for
 * `python -m`, not to be exec'ed). A shell named only by scripts the entrypoint does not run is
 * left out and listed; `#!/usr/bin/env X` keeps env too, since the kernel runs it.
 */
import type { ImageLookup } from './image-lookup.js';
import type { Needs } from './needs.js';

const LIBRARY_CODE = /\/lib\/python3[^/]*\/|\/(site|dist)-packages\/|\/node_modules\//;

/** Executable scripts whose `#!` names a shell that was left out. */
export type LeftOutShells = string[];

/** Visits the interpreter of a script; whether the file is a script that needs one. */
export async function shebangNeeds(
  path: string,
  head: string,
  named: boolean,
  lookup: ImageLookup,
  needs: Needs,
  shellScripts: LeftOutShells,
  warnings: string[],
): Promise<boolean> {
  if (!head.startsWith('#!')) return false;
  const executable =
    named || (!LIBRARY_CODE.test(path) && ((await lookup.view.stat(path))?.mode ?? 0) & 0o111);
  if (!executable) return false;
  const [interp, arg] = head.slice(2).split('\n', 1)[0]!.trim().split(/\s+/);
  const name = interp?.endsWith('/env') && arg ? arg : interp;
  const program = name ? await lookup.command(name) : undefined;
  if (!program) warnings.push(`the script ${path} asks for ${name}, which the image does not have`);
  else if (!named && /(^|\/)(sh|bash|dash)$/.test(name!)) shellScripts.push(path);
  else {
    if (name !== interp && interp) await needs.visit(interp, `the script ${path} runs ${interp} ${name}`);
    await needs.visit(program, `the script ${path} runs ${program}`);
  }
  return true;
}

/** The note that says which scripts' shell was left out, if any. */
export function leftOutShellNote(shellScripts: LeftOutShells): string | undefined {
  if (!shellScripts.length) return undefined;
  const listed = `${shellScripts.slice(0, 3).join(', ')}${shellScripts.length > 3 ? ' …' : ''}`;
  return `left out the shell that ${shellScripts.length} executable script(s) of the application name (${listed}): the entrypoint does not run them; if the program does, --check shows it`;
}
