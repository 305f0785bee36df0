/**
 * What the tag's latest digest holds: its vulnerabilities (the findings of the last point of its
 * daily series, filtered by the counting rules), its packages, and its SBOM as CycloneDX or SPDX.
 */
import { z } from 'zod';
import { InputError, NotFoundError } from '../../errors.js';
import { resolvePin } from '../../history/compare.js';
import { parsePinnedRef } from '../../history/image-ref.js';
import type { Lens } from '../../history/lens.js';
import { pinnedSeries } from '../../history/series.js';
import { DEFAULT_RULES } from '../../match/counting.js';
import type { CountingRules } from '../../match/types.js';
import { dayOf } from '../../time/instant.js';
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

// a pin of the tag (`@DATE`, `@sha256:…`) as compare reads it: the digest and when it was first held
async function pinOf(ctx: ServerContext, ref: TagRef, pin: string) {
  if (!(await ctx.hasDb()))
    throw new InputError('pin: a pinned image is replayed, and this server has no advisory DB');
  return resolvePin(ctx.store, parsePinnedRef(`${ref.image}:${ref.tag}@${pin}`, 'pin'));
}

// the pinned digest's points (compare's pinned series) between two days
async function pinnedPoints(
  ctx: ServerContext,
  pinned: { digest: string; since: string },
  from: string,
  to: string,
  rules: CountingRules,
  lens: Lens,
) {
  const start = dayOf(pinned.since);
  return pinnedSeries(ctx.store, await ctx.reader(), pinned.digest, start, { from, to }, { lens, rules });
}

// the first day the pinned series counted each vulnerability, from the day it was first held
async function pinnedFirstSeen(
  ctx: ServerContext,
  pinned: { digest: string; since: string },
  day: string,
  lens: Lens,
): Promise<Map<string, string>> {
  const first = new Map<string, string>();
  for (const p of await pinnedPoints(ctx, pinned, dayOf(pinned.since), day, DEFAULT_RULES, lens))
    for (const id of p.ids) if (!first.has(id)) first.set(id, p.day);
  return first;
}

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
          pin: z
            .string()
            .regex(/^(\d{4}-\d{2}-\d{2}|sha256:[0-9a-f]{64})$/, 'write YYYY-MM-DD or sha256:…')
            .optional()
            .describe(
              "with `day`: the image as if never rebuilt after that date (or that digest), as compare's NAME:TAG@PIN",
            ),
        }),
      },
    },
    async (request) => {
      const ref = await knownTag(ctx.store, request.params);
      const { day, pin } = request.query;
      const hasDb = await ctx.hasDb();
      const { lens } = request.query;
      if (pin && !day) throw new InputError('pin: give the day too (pin=…&day=YYYY-MM-DD)');
      const pinned = pin ? await pinOf(ctx, ref, pin) : undefined;
      const point = pinned
        ? (await pinnedPoints(ctx, pinned, day!, day!, rulesOf(request.query), lens))[0]
        : day
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
      const first = pinned
        ? await pinnedFirstSeen(ctx, pinned, point.day, lens)
        : await firstSeen(ctx, ref, point.day, lens);
      return {
        ...ref,
        ...(pinned ? { pinned: { digest: pinned.digest, since: pinned.since } } : {}),
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
