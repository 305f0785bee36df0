/**
 * The two kinds of error of DESIGN.md: a fatal one stops the run with one sentence that names the
 * input and the problem; a per-file one becomes a warning in the result and the run goes on.
 */

/** A fatal error caused by what the user gave us (a file, a reference, an option): exit code 2. */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
  }
}

/** A policy failure such as `--fail-on high` tripping: exit code 1. */
export class PolicyError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

/** Something that went wrong with one file or record; recorded, and the run goes on. */
export interface Warning {
  /** the file, layer or record it concerns */
  source: string;
  message: string;
}

/** The message of any thrown value, for wrapping errors into sentences. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
