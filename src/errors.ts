/**
 * The two kinds of error of DESIGN.md: a fatal one stops the run with one sentence that names the
 * input and the problem; a per-file one becomes a warning in the result and the run goes on.
 * Every fatal error carries a stable `code` and whether trying again later can succeed, so the
 * API can answer with the right HTTP status and a worker can decide to retry without parsing
 * messages.
 */

/** The stable codes of cleanroom's errors; an API client and a worker switch on these. */
export type ErrorCode =
  | 'bad-input'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'unavailable'
  | 'policy-failed'
  | 'internal';

interface ErrorOptions {
  cause?: unknown;
}

/** The base of every error cleanroom throws on purpose: a code, retryability and an exit code. */
export class CleanroomError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly exitCode: number = 2;
  constructor(message: string, code: ErrorCode, retryable: boolean, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CleanroomError';
    this.code = code;
    this.retryable = retryable;
  }
}

/**
 * A fatal error caused by what the user gave us (a file, a reference, an option): exit code 2.
 * The subclasses below say more precisely what is wrong; all stay InputErrors, so every caller
 * that catches InputError keeps working.
 */
export class InputError extends CleanroomError {
  constructor(message: string, options?: ErrorOptions & { code?: ErrorCode; retryable?: boolean }) {
    super(message, options?.code ?? 'bad-input', options?.retryable ?? false, options);
    this.name = 'InputError';
  }
}

/** The thing asked for does not exist: an image, a tag, a repository, a DB. */
export class NotFoundError extends InputError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, code: 'not-found' });
    this.name = 'NotFoundError';
  }
}

/** Credentials are missing or were rejected. */
export class UnauthorizedError extends InputError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, code: 'unauthorized' });
    this.name = 'UnauthorizedError';
  }
}

/** The credentials are known but do not allow this. */
export class ForbiddenError extends InputError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, code: 'forbidden' });
    this.name = 'ForbiddenError';
  }
}

/** The request contradicts the current state (e.g. a DB of a newer schema than this cleanroom). */
export class ConflictError extends InputError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, code: 'conflict' });
    this.name = 'ConflictError';
  }
}

/** A database or registry cannot be reached right now; the same request may succeed later. */
export class UnavailableError extends InputError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, code: 'unavailable', retryable: true });
    this.name = 'UnavailableError';
  }
}

/** A policy failure such as `--fail-on high` tripping: exit code 1. */
export class PolicyError extends CleanroomError {
  override readonly exitCode = 1;
  constructor(message: string) {
    super(message, 'policy-failed', false);
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

/** The stable code of any thrown value: `internal` for anything not thrown on purpose. */
export function errorCodeOf(err: unknown): ErrorCode {
  return err instanceof CleanroomError ? err.code : 'internal';
}

/** Whether trying the same thing again later can succeed. */
export function isRetryable(err: unknown): boolean {
  return err instanceof CleanroomError && err.retryable;
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  'bad-input': 400,
  'policy-failed': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

/** The HTTP status the API answers for an error (500 for anything not thrown on purpose). */
export function httpStatusOf(err: unknown): number {
  return HTTP_STATUS[errorCodeOf(err)];
}
