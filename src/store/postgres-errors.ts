/**
 * What a pg error means to a user: a server that cannot be reached now (retryable), rejected
 * credentials, a missing database. Messages name the server by host, port, user and database,
 * never by the password of its URL.
 */
import {
  CleanroomError,
  NotFoundError,
  UnauthorizedError,
  UnavailableError,
  errorMessage,
} from '../errors.js';

// Node's network errors and the SQLSTATEs of a server going away or refusing new sessions
// (https://www.postgresql.org/docs/current/errcodes-appendix.html: class 08, 57P01-57P05, 53300)
const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '57P05',
  '53300',
]);

// pg reports a dropped socket, a pool timeout and a query on a client whose connection already
// failed (the server went away during a transaction) without a code, only in words
const UNAVAILABLE_MESSAGE =
  /connection terminated|timeout exceeded when trying to connect|connection timeout|connection error and is not queryable/i;

/** A PostgreSQL URL without its password, to name the server in messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1@');
  }
}

function codesOf(err: unknown): string[] {
  const own = (err as { code?: unknown } | null)?.code;
  const codes = typeof own === 'string' ? [own] : [];
  // Node's happy eyeballs (localhost = ::1 and 127.0.0.1) fails with an AggregateError of both
  if (err instanceof AggregateError) for (const inner of err.errors) codes.push(...codesOf(inner));
  return codes;
}

/** Turns a pg or network error into a CleanroomError where it means something; others pass through. */
export function postgresError(err: unknown, url: string): unknown {
  if (err instanceof CleanroomError) return err;
  const server = redactUrl(url);
  const codes = codesOf(err);
  const why = errorMessage(err) || codes[0] || 'no answer';
  if (codes.some((c) => UNAVAILABLE.has(c) || c.startsWith('08')) || UNAVAILABLE_MESSAGE.test(why))
    return new UnavailableError(`the PostgreSQL server ${server} cannot be reached right now (${why})`, {
      cause: err,
    });
  if (codes.includes('28P01') || codes.includes('28000'))
    return new UnauthorizedError(`the PostgreSQL server ${server} rejected the credentials (${why})`, {
      cause: err,
    });
  if (codes.includes('3D000'))
    return new NotFoundError(`the PostgreSQL server ${server} has no such database (${why})`, { cause: err });
  return err;
}
