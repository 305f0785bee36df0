import { describe, expect, it } from 'vitest';
import { InputError, NotFoundError, UnauthorizedError, UnavailableError, httpStatusOf } from '../errors.js';
import { postgresError, redactUrl } from './postgres-errors.js';

const url = 'postgres://cr:s3cret@db.example:5433/cleanroom';
const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('postgresError', () => {
  it('makes a server that cannot be reached an UnavailableError naming it without the password', () => {
    for (const err of [
      withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5433'),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('08006'),
      withCode('53300', 'sorry, too many clients already'),
      new Error('Connection terminated unexpectedly'),
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''),
    ]) {
      const mapped = postgresError(err, url);
      expect(mapped).toBeInstanceOf(UnavailableError);
      const e = mapped as UnavailableError;
      expect(e.retryable).toBe(true);
      expect(e.code).toBe('unavailable');
      expect(httpStatusOf(e)).toBe(503);
      expect(e.message).toMatch(
        /^the PostgreSQL server postgres:\/\/cr@db\.example:5433\/cleanroom cannot be reached/,
      );
      expect(e.message).not.toMatch(/s3cret/);
    }
  });

  it('tells rejected credentials and a missing database apart, and passes other errors through', () => {
    expect(postgresError(withCode('28P01'), url)).toBeInstanceOf(UnauthorizedError);
    expect(postgresError(withCode('3D000'), url)).toBeInstanceOf(NotFoundError);
    const unique = withCode('23505', 'duplicate key value violates unique constraint');
    expect(postgresError(unique, url)).toBe(unique);
    const input = new InputError('already ours');
    expect(postgresError(input, url)).toBe(input);
  });

  it('redacts only the password of a URL', () => {
    expect(redactUrl(url)).toBe('postgres://cr@db.example:5433/cleanroom');
    expect(redactUrl('postgres://h/db')).toBe('postgres://h/db');
  });
});
