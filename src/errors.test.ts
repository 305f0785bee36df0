import { describe, expect, it } from 'vitest';
import {
  CleanroomError,
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  PolicyError,
  UnauthorizedError,
  UnavailableError,
  errorCodeOf,
  httpStatusOf,
  isRetryable,
} from './errors.js';

describe('errors', () => {
  it('keeps InputError as it was: exit 2, code bad-input, not retryable, cause kept', () => {
    const cause = new Error('inner');
    const e = new InputError('bad file x', { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(CleanroomError);
    expect([e.name, e.message, e.exitCode, e.code, e.retryable, e.cause]).toEqual([
      'InputError',
      'bad file x',
      2,
      'bad-input',
      false,
      cause,
    ]);
  });

  it('gives each subclass its stable code, retryability and HTTP status', () => {
    const cases = [
      [new InputError('x'), 'bad-input', false, 400],
      [new UnauthorizedError('x'), 'unauthorized', false, 401],
      [new ForbiddenError('x'), 'forbidden', false, 403],
      [new NotFoundError('x'), 'not-found', false, 404],
      [new ConflictError('x'), 'conflict', false, 409],
      [new UnavailableError('x'), 'unavailable', true, 503],
      [new Error('x'), 'internal', false, 500],
      ['a string', 'internal', false, 500],
    ] as const;
    for (const [err, code, retryable, status] of cases) {
      expect(errorCodeOf(err)).toBe(code);
      expect(isRetryable(err)).toBe(retryable);
      expect(httpStatusOf(err)).toBe(status);
    }
    // every subclass of a user input problem is still an InputError (exit 2) for existing callers
    for (const e of [new NotFoundError('x'), new UnavailableError('x'), new ForbiddenError('x')]) {
      expect(e).toBeInstanceOf(InputError);
      expect(e.exitCode).toBe(2);
    }
  });

  it('keeps PolicyError at exit 1', () => {
    const e = new PolicyError('fail-on tripped');
    expect([e.exitCode, e.code, e.retryable, e.name]).toEqual([1, 'policy-failed', false, 'PolicyError']);
  });
});
