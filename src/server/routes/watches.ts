/**
 * Watches over HTTP, as `cleanroom watch` does on the command line: list them (a read, with each
 * watch's last observation and last permanent failure), add or update them and remove them
 * (scope `write`). Workers and `serve --watch` pick them up from the same store.
 */
import { z } from 'zod';
import { InputError } from '../../errors.js';
import { scopeAllows, verifyToken } from '../../history/store/queries-tokens.js';
import { checkEgress } from '../../image/registry/egress-policy.js';
import { parseReference } from '../../image/registry/reference.js';
import { periodSeconds } from '../../time/period.js';
import { addWatches, listWatches, removeWatches } from '../../worker/watches.js';
import { apiReference } from '../api-reference.js';
import type { ServerContext } from '../context.js';
import type { AppOptions } from '../options.js';
import type { TypedApp } from './typed-app.js';

const security = [{ bearer: [] }];
const tagRef = z.string().regex(/^[^\s]+:[^:/\s]+$/, 'write NAME:TAG');

/** `30m`, `24h`, `7d` to seconds, as the CLI's `--every` reads it. */
const period = z
  .string()
  .refine(
    (v) => periodSeconds(v) !== undefined,
    'is not a period of at least a minute, such as 30m, 24h or 7d',
  )
  .transform((v) => periodSeconds(v)!);

const addBody = z
  .object({
    refs: z.array(tagRef).min(1).max(1_000).describe('the tags to observe (NAME:TAG)'),
    every: period.optional().describe('how often (default 24h; at least a minute)'),
    source: z.string().min(1).optional().describe('what to pull, for one tag (default: NAME:TAG itself)'),
    platform: z.string().min(1).optional().describe('os/arch[/variant] of a multi-platform image'),
    plainHttp: z.boolean().optional().describe('the registry speaks plain HTTP'),
  })
  .strict();

// what a failure that reached for the network says to a reader: that it was unreachable, no more
const NETWORK =
  /cannot reach|not reachable|connection|ECONN|EHOST|ENET|timed? ?out|no answer|TLS|certificate|host not found|resolve|socket|network/i;
function readerError(ref: string, error: string | null): string | null {
  return error !== null && NETWORK.test(error) ? `${ref}: the registry was unreachable` : error;
}

/** Registers the watch routes. */
export function watchRoutes(app: TypedApp, ctx: ServerContext, options: AppOptions = {}): void {
  app.get(
    '/api/watches',
    { schema: { summary: 'every watch, its period, last observation and last failure', tags: ['watches'] } },
    async (request) => {
      const watches = await listWatches({ openStore: ctx.store });
      // the network detail of a failure (open port, closed port, which address) is for admins
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const scope = token ? await verifyToken(ctx.store, token) : undefined;
      if (scope && scopeAllows(scope, 'admin')) return { watches };
      return { watches: watches.map((w) => ({ ...w, lastError: readerError(w.ref, w.lastError) })) };
    },
  );
  app.post(
    '/api/watches',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'watch tags: observe each every period (an existing watch is updated)',
        tags: ['watches'],
        security,
        body: addBody,
      },
    },
    async (request, reply) => {
      const b = request.body;
      // what the watch will pull: a registry reference (or a path under --allow-path) whose host
      // the egress policy allows, checked now so a refused host is never contacted
      for (const text of b.source ? [b.source] : b.refs) {
        const reference = await apiReference(text, options.allowPaths);
        if (!reference.startsWith('registry:')) continue;
        const ref = parseReference(reference.slice('registry:'.length));
        await checkEgress(
          new URL(`${b.plainHttp ? 'http' : 'https'}://${ref.apiHost}/v2/`),
          options.egress ?? { allow: [] },
          { unresolved: 'pass' },
        ).catch((err: unknown) => {
          throw new InputError(`${b.source ? 'source' : 'refs'}: ${(err as Error).message}`);
        });
      }
      const watches = await addWatches(b.refs, {
        openStore: ctx.store,
        everySeconds: b.every,
        source: b.source,
        platform: b.platform,
        plainHttp: b.plainHttp,
        origin: 'api',
      });
      return reply.code(201).send({ watches });
    },
  );
  app.delete(
    '/api/watches',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'stop watching tags (an unknown one is refused before any is removed)',
        tags: ['watches'],
        security,
        querystring: z.object({ ref: z.union([tagRef, z.array(tagRef)]).describe('NAME:TAG (repeatable)') }),
      },
    },
    async (request) => {
      const refs = ([] as string[]).concat(request.query.ref);
      return { removed: await removeWatches(refs, { openStore: ctx.store }) };
    },
  );
}
