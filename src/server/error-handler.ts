/**
 * Errors as the API answers them: `{ error: CODE, message, parameter? }` with the status of
 * `httpStatusOf` (src/errors.ts). A zod validation failure is a 400 that names the parameter;
 * Fastify's own client errors (body too large, bad JSON) keep their status.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCodeOf, httpStatusOf } from '../errors.js';

/** The error body every failing route answers with. */
export interface ApiError {
  error: string;
  message: string;
  parameter?: string;
}

/** Fastify's error handler for the API. */
export function handleError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issue = err.validation[0]!;
    const parameter =
      issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || err.validationContext || 'body';
    const body: ApiError = {
      error: 'bad-input',
      message: `${err.validationContext ?? 'request'} parameter ${parameter}: ${issue.message}`,
      parameter,
    };
    void reply.code(400).send(body);
    return;
  }
  const code = errorCodeOf(err);
  const fastifyStatus =
    err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : undefined;
  const status = code === 'internal' && fastifyStatus ? fastifyStatus : httpStatusOf(err);
  if (status >= 500) request.log.error({ err }, 'request failed');
  const body: ApiError = {
    error: code === 'internal' && fastifyStatus ? (err.code ?? 'bad-request') : code,
    message: status >= 500 && code === 'internal' ? 'internal error (see the server log)' : err.message,
  };
  void reply.code(status).send(body);
}
