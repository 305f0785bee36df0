/**
 * Bearer tokens on the routes that need them: every write, and every read under `--private`.
 * The token is checked against the store on every request, so a revocation takes effect at once.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import { scopeAllows, verifyToken, type TokenScope } from '../history/store/queries-tokens.js';
import type { ServerContext } from './context.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the scope a route needs; absent: a read, open unless the server is private */
    scope?: TokenScope;
  }
}

/** A preHandler that enforces the route's scope (or `read` on a private server). */
export function authHook(ctx: ServerContext, privateReads: boolean) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const needed = request.routeOptions.config.scope ?? (privateReads ? 'read' : undefined);
    if (!needed || request.routeOptions.url === '/api/health') return;
    // the console's own files hold no data: a private server still serves them, and the console
    // then asks for a token when the API answers 401
    if (!request.routeOptions.url && !request.url.startsWith('/api/')) return;
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token)
      throw new UnauthorizedError(`this route needs "Authorization: Bearer TOKEN" with scope ${needed}`);
    const scope = await verifyToken(ctx.store, token);
    if (!scope) throw new UnauthorizedError('the token is unknown or revoked');
    if (!scopeAllows(scope, needed))
      throw new ForbiddenError(`the token's scope ${scope} does not allow this route (needs ${needed})`);
  };
}
