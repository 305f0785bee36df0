/**
 * What the tag's latest digest holds: its vulnerabilities (the latest observation's findings,
 * filtered by the counting rules), its packages, and its SBOM as CycloneDX or SPDX.
 */
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import type { TagRef } from '../../history/image-ref.js';
import { findingsOf, latestPoint } from '../../history/store/queries-images.js';
import { digestFacts, tagMoves } from '../../history/store/read.js';
import { toCycloneDx, toSpdx } from '../../report/sbom/index.js';
import { anyQuery } from '../cache.js';
import type { ServerContext } from '../context.js';
import { tagParams } from '../params.js';
import { countUnder, passesCompact, rulesOf, rulesQuery } from '../rules.js';
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
      config: { storeOnly: anyQuery },
      schema: {
        summary: "the latest observation's vulnerabilities, filtered and counted by the rules",
        tags: ['inventory'],
        params: tagParams,
        querystring: z.object(rulesQuery),
      },
    },
    async (request) => {
      const ref = await knownTag(ctx.store, request.params);
      const point = await latestPoint(ctx.store, ref);
      if (!point) throw new NotFoundError(`${ref.image}:${ref.tag} has no observation`);
      const rules = rulesOf(request.query);
      const findings = await findingsOf(ctx.store, ref, point);
      const { ids: _ids, ...counts } = countUnder(findings, rules);
      return {
        ...ref,
        day: point.day,
        digest: point.digest,
        observedAt: point.observedAt,
        scanner: point.scanner,
        db: point.db,
        rules,
        ...counts,
        vulnerabilities: findings
          .filter((f) => passesCompact(f, rules))
          .map(([id, severity, fixState, name, version, fixedVersion]) => ({
            id,
            severity,
            fixState,
            package: { name, version },
            fixedVersion: fixedVersion || null,
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
