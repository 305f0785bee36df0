/**
 * Errors as the API answers them, every one of them (the routes', the framework's, a URL the
 * router cannot read, a request line too long): `{ error, code, message, retryable, parameter? }`.
 * `error` is one of the stable codes of src/errors.ts (`bad-input`, `not-found`, `unavailable` …),
 * `code` the precise one (the same for cleanroom's errors; Fastify's own, e.g.
 * `FST_ERR_CTP_BODY_TOO_LARGE`, for the framework's), `retryable` whether the same request may
 * succeed later. A zod validation failure is a 400 that names the parameter.
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCodeOf, httpStatusOf, isRetryable, type ErrorCode } from '../errors.js';

/** The error body every failing route answers with. */
export interface ApiError {
  error: ErrorCode | 'cancelled';
  code: string;
  message: string;
  retryable: boolean;
  parameter?: string;
}

/** The body of an error answer. */
export function errorBody(
  error: ApiError['error'],
  message: string,
  options: { code?: string; retryable?: boolean; parameter?: string } = {},
): ApiError {
  return {
    error,
    code: options.code ?? error,
    message,
    retryable: options.retryable ?? false,
    ...(options.parameter !== undefined ? { parameter: options.parameter } : {}),
  };
}

// the stable code of a framework status
const STABLE: Record<number, ErrorCode> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  503: 'unavailable',
};

/** Fastify's error handler for the API (and its framework errors). */
export function handleError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issue = err.validation[0]!;
    const parameter =
      issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || err.validationContext || 'body';
    const message = `${err.validationContext ?? 'request'} parameter ${parameter}: ${issue.message}`;
    void reply.code(400).send(errorBody('bad-input', message, { parameter }));
    return;
  }
  if (err.name === 'AbortError') {
    // the client went away: nobody reads this answer
    void reply.code(499).send(errorBody('cancelled', 'the client closed the connection'));
    return;
  }
  const code = errorCodeOf(err);
  const fastifyStatus =
    err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : undefined;
  const status = code === 'internal' && fastifyStatus ? fastifyStatus : httpStatusOf(err);
  if (status >= 500 && code === 'internal') request.log.error({ err }, 'request failed');
  const framework = code === 'internal' && fastifyStatus !== undefined;
  const stable: ApiError['error'] = framework
    ? (STABLE[status] ?? (status >= 500 ? 'internal' : 'bad-input'))
    : code;
  const message = status >= 500 && code === 'internal' ? 'internal error (see the server log)' : err.message;
  void reply.code(status).send(
    errorBody(stable, message, {
      code: framework ? (err.code ?? stable) : code,
      retryable: isRetryable(err) || status === 503,
      parameter: (err as { parameter?: string }).parameter,
    }),
  );
}

/**
 * Node's own answer to a request it cannot parse (a request line or headers over the limit, bad
 * framing), in the API's shape: Fastify's `clientErrorHandler`.
 */
export function handleClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) return;
  const status =
    err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(
    errorBody(
      'bad-input',
      status === 431 ? 'the request line or its headers are too long' : 'the request could not be read',
      {
        code: err.code ?? 'bad-request',
        retryable: status === 408,
      },
    ),
  );
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
