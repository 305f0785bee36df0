/** Health, what the server offers (/api/meta), the OpenAPI document, and the test-only slow route. */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { SCANNER } from '../../scanner.js';
import type { AppOptions } from '../options.js';
import type { ServerContext } from '../context.js';
import type { TypedApp } from './typed-app.js';

/** Registers /api/health, /api/meta, /api/openapi.json (and /api/test/slow when enabled). */
export function metaRoutes(app: TypedApp, ctx: ServerContext, options: AppOptions): void {
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'liveness: the server answers, with the expensive requests running and waiting',
        tags: ['meta'],
      },
    },
    async () => ({
      status: 'ok',
      version: SCANNER.version,
      work: options.work?.() ?? { running: 0, waiting: 0 },
    }),
  );
  app.get(
    '/api/meta',
    {
      schema: {
        summary:
          'what this server offers: its version, whether it has an advisory DB (replay) and its feeds, and its VEX documents (afterVex=true)',
        tags: ['meta'],
      },
    },
    async () => {
      const db = await ctx.hasDb();
      // the console's one data-sources panel per page: what the DB holds, feed by feed
      const meta = db ? await (await ctx.reader()).meta() : undefined;
      return {
        version: SCANNER.version,
        db,
        sources: meta
          ? {
              builtAt: meta.builtAt,
              feeds: meta.feeds.map((f) => ({ name: f.name, version: f.version, records: f.records })),
            }
          : null,
        vex: { documents: ctx.vex.documents, statements: ctx.vex.statements.length },
      };
    },
  );
  app.get(
    '/api/openapi.json',
    { schema: { summary: 'this OpenAPI 3.1 document', tags: ['meta'] } },
    async () => app.swagger(),
  );
  // a request that takes a while, so a test can send SIGTERM while it is in flight
  if (options.slowRoute)
    app.get(
      '/api/test/slow',
      {
        schema: {
          summary: 'test only: answers after `ms` milliseconds (CLEANROOM_TEST_SLOW_ROUTE=1)',
          tags: ['meta'],
          querystring: z.object({ ms: z.coerce.number().int().min(0).max(60_000).default(1000) }),
        },
      },
      async (request) => {
        await sleep(request.query.ms);
        return { slept: request.query.ms };
      },
    );
}
