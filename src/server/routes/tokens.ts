/** Token administration over HTTP (scope `admin`), as `cleanroom token` does on the command line. */
import { z } from 'zod';
import { createToken, listTokens, revokeToken, TOKEN_SCOPES } from '../../history/store/queries-tokens.js';
import type { ServerContext } from '../context.js';
import type { TypedApp } from './typed-app.js';

const security = [{ bearer: [] }];

/** Registers the token routes. */
export function tokenRoutes(app: TypedApp, ctx: ServerContext): void {
  app.get(
    '/api/tokens',
    {
      config: { scope: 'admin' },
      schema: { summary: 'the tokens (never their values)', tags: ['tokens'], security },
    },
    async () => ({ tokens: await listTokens(ctx.store) }),
  );
  app.post(
    '/api/tokens',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'create a token; its value is in this answer only',
        tags: ['tokens'],
        security,
        body: z.object({
          scope: z.enum(TOKEN_SCOPES as ['read', 'write', 'admin']),
          name: z.string().max(200).default(''),
        }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createToken(ctx.store, request.body.scope, request.body.name)),
  );
  app.delete(
    '/api/tokens/:id',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'revoke a token at once',
        tags: ['tokens'],
        security,
        params: z.object({ id: z.string().min(1) }),
      },
    },
    async (request, reply) => {
      await revokeToken(ctx.store, request.params.id);
      return reply.code(204).send();
    },
  );
}
