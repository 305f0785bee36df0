/**
 * What the tag's latest digest holds: its vulnerabilities (the findings of the last point of its
 * daily series, filtered by the counting rules), its packages, and its SBOM as CycloneDX or SPDX.
 */
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import type { TagRef } from '../../history/image-ref.js';
import { latestPoint } from '../../history/recent-points.js';
import { digestFacts, tagMoves } from '../../history/store/read.js';
import { toCycloneDx, toSpdx } from '../../report/sbom/index.js';
import { anyQuery } from '../cache.js';
import type { ServerContext } from '../context.js';
import { tagParams } from '../params.js';
import { countUnder, lensQuery, passesCompact, rulesOf, rulesQuery } from '../rules.js';
import { findingsAt, firstSeen, seriesOf } from '../series.js';
import { knownTag } from './tag-ref.js';
import type { TypedApp } from './typed-app.js';

// the digest the tag points to now, with its stored inventory
async function latestInventory(ctx: ServerContext, ref: TagRef) {
  const last = (await tagMoves(ctx.store, ref)).at(-1);
  const facts = last ? await digestFacts(ctx.store, last.digest, true) : undefined;
  if (!last || !facts?.inventory)
    throw new NotFoundError(
      `${ref.image}:${ref.tag} has no stored inventory (it is known only from imported results)`,
    );
  return { digest: last.digest, since: last.since, inventory: facts.inventory };
}

/** Registers vulnerabilities, packages and the SBOM downloads. */
export function inventoryRoutes(app: TypedApp, ctx: ServerContext): void {
  app.get(
    '/api/images/:image/tags/:tag/vulnerabilities',
    {
      // the latest point may be a replay, which reads the advisory DB: kept with the DB's identity
      config: { withDb: anyQuery },
      schema: {
        summary:
          "the findings of the last point of the tag's daily series (observed, or replayed as of that day), filtered and counted by the rules, with KEV, EPSS and the first day the series counted each",
        tags: ['inventory'],
        params: tagParams,
        querystring: z.object({
          ...rulesQuery,
          ...lensQuery,
          day: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, 'write YYYY-MM-DD')
            .optional()
            .describe("another day of the tag's series (default: its last point)"),
        }),
      },
    },
    async (request) => {
      const ref = await knownTag(ctx.store, request.params);
      const { day } = request.query;
      const hasDb = await ctx.hasDb();
      const { lens } = request.query;
      const point = day
        ? (
            await seriesOf(ctx, ref, { from: day, to: day }, hasDb, rulesOf(request.query), undefined, lens)
          )[0]
        : await latestPoint(ctx.store, ref, hasDb ? await ctx.reader() : undefined, { lens });
      if (!point)
        throw new NotFoundError(`${ref.image}:${ref.tag} has no ${day ? `point on ${day}` : 'observation'}`);
      const rules = rulesOf(request.query);
      const listed = await findingsAt(ctx, ref, point);
      const { ids: _ids, ...counts } = countUnder(
        listed.map((l) => l.finding),
        rules,
      );
      const first = await firstSeen(ctx, ref, point.day, lens);
      return {
        ...ref,
        day: point.day,
        kind: point.kind,
        lens: point.lens,
        basis: point.basis,
        coverage: point.coverage,
        digest: point.digest,
        observedAt: point.observedAt ?? null,
        scanner: point.scanner,
        db: point.db,
        rules,
        ...counts,
        vulnerabilities: listed
          .filter((l) => passesCompact(l.finding, rules))
          .map(({ finding: [id, severity, fixState, name, version, fixedVersion], ...more }) => ({
            id,
            severity,
            fixState,
            package: { name, version },
            fixedVersion: fixedVersion || null,
            ...more,
            firstSeen: first.get(id) ?? null,
          })),
      };
    },
  );
  app.get(
    '/api/images/:image/tags/:tag/packages',
    {
      config: { storeOnly: anyQuery },
      schema: { summary: "the packages of the tag's latest digest", tags: ['inventory'], params: tagParams },
    },
    async (request) => {
      const ref = await knownTag(ctx.store, request.params);
      const { digest, inventory } = await latestInventory(ctx, ref);
      return { ...ref, digest, distro: inventory.distro ?? null, packages: inventory.packages };
    },
  );
  for (const [format, render, type] of [
    ['cyclonedx', toCycloneDx, 'application/vnd.cyclonedx+json'],
    ['spdx', toSpdx, 'application/spdx+json'],
  ] as const)
    app.get(
      `/api/images/:image/tags/:tag/sbom/${format}`,
      {
        schema: {
          summary: `the latest digest's SBOM as ${format} JSON (a download)`,
          tags: ['inventory'],
          params: tagParams,
        },
      },
      async (request, reply) => {
        const ref = await knownTag(ctx.store, request.params);
        const { digest, since, inventory } = await latestInventory(ctx, ref);
        const file = `${ref.image.replace(/[^A-Za-z0-9._-]+/g, '_')}_${ref.tag}.${format}.json`;
        // dated by when the tag moved to the digest, so the same digest always gives the same bytes
        const body = JSON.stringify(render(inventory, new Date(since)), null, 2);
        return reply
          .type(type)
          .header('content-disposition', `attachment; filename="${file}"`)
          .header('x-digest', digest)
          .send(body);
      },
    );
}
