/** Images, their tags, where a tag pointed over time, and its observations. */
import { z } from 'zod';
import { dayRange } from '../../history/date-range.js';
import { registryOf, type TagRef } from '../../history/image-ref.js';

export { registryOf };
import { listTags, observationsOf } from '../../history/store/queries-images.js';
import { DIRECTORY_SORTS, directoryPage, directoryTagPage } from '../../history/directory-page.js';
import { directoryRow } from '../../history/directory-row.js';
import type { Lens } from '../../history/lens.js';
import { tagMoves } from '../../history/store/read.js';
import type { ServerContext } from '../context.js';
import { anyQuery } from '../cache.js';
import { lensQuery } from '../rules.js';
import { imageParams, pageQuery, rangeQuery, tagParams } from '../params.js';
import { knownImage, knownTag } from './tag-ref.js';
import type { TypedApp } from './typed-app.js';

const recentQuery = {
  recent: z.coerce
    .number()
    .int()
    .min(0)
    .max(90)
    .default(0)
    .describe('also answer the daily series of the last N days of data (0: none)'),
};

// one tag's Directory row under the lens (src/history/directory-row.ts)
async function tagSummary(ctx: ServerContext, ref: TagRef, recent: number, lens: Lens) {
  const reader = (await ctx.hasDb()) ? await ctx.reader() : undefined;
  return directoryRow(ctx.store, reader, ref, recent, lens);
}

const directoryQuery = {
  q: z.string().max(200).optional().describe('only images whose name or a tag contains this text (any case)'),
  sort: z
    .enum(DIRECTORY_SORTS)
    .default('name')
    .describe('the order of the images: by name, or by what their tags carry on their last observed day'),
  order: z.enum(['asc', 'desc']).optional().describe('asc or desc (default: asc by name, desc by counts)'),
  brief: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe("names and tags only, without each tag's last point (pickers)"),
};

/** Registers the image and tag routes. */
export function imageRoutes(app: TypedApp, ctx: ServerContext): void {
  app.get(
    '/api/images',
    {
      // the latest point may be a replay, which reads the advisory DB: kept with the DB's identity
      config: { withDb: anyQuery },
      schema: {
        summary:
          'the images of the store, by name, each tag with the last point of its daily series, its distribution, size and packages',
        tags: ['images'],
        querystring: z.object({ ...pageQuery, ...recentQuery, ...lensQuery, ...directoryQuery }),
      },
    },
    async (request) => {
      const { limit, offset, recent, q, sort, lens, brief } = request.query;
      const order = request.query.order ?? (sort === 'name' ? 'asc' : 'desc');
      const page = await directoryPage(ctx.store, { limit, offset, q, sort, order, lens });
      const images = [];
      for (const image of page.images) {
        const tags = [];
        for (const tag of image.tags)
          tags.push({
            tag,
            ...(brief ? {} : await tagSummary(ctx, { image: image.name, tag }, recent, lens)),
          });
        images.push({
          name: image.name,
          registry: registryOf(image.name),
          firstSeen: image.firstSeen,
          tags,
        });
      }
      return { total: page.total, limit, offset, ...(q !== undefined && { q }), sort, order, images };
    },
  );

  app.get(
    '/api/tags',
    {
      // rows may be computed where the stored series does not hold: kept with the DB's identity
      config: { withDb: anyQuery },
      schema: {
        summary:
          'the Directory: one row per tag with the last point of its daily series, filtered, sorted and paged on the server',
        tags: ['images'],
        querystring: z.object({
          ...pageQuery,
          ...recentQuery,
          ...lensQuery,
          q: directoryQuery.q,
          sort: directoryQuery.sort,
          order: directoryQuery.order,
          registry: z
            .string()
            .max(255)
            .optional()
            .describe('only tags of images on this registry (docker.io, cgr.dev)'),
          distro: z
            .string()
            .max(100)
            .optional()
            .describe(
              "only tags whose last digest is of this distribution: its name or its id ('wolfi', 'debian 12')",
            ),
          fixableCritical: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true')
            .describe('only tags carrying a critical vulnerability that has a fix'),
          facets: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true')
            .describe(
              "also answer every registry and distribution with how many tags each would show beside the other filters (the console's dropdowns)",
            ),
        }),
      },
    },
    async (request) => {
      const { limit, offset, recent, lens, q, sort, registry, distro, fixableCritical, facets } =
        request.query;
      const order = request.query.order ?? (sort === 'name' ? 'asc' : 'desc');
      const reader = (await ctx.hasDb()) ? await ctx.reader() : undefined;
      const page = await directoryTagPage(ctx.store, reader, {
        limit,
        offset,
        recent,
        lens,
        q,
        sort,
        order,
        registry,
        distro,
        fixableCritical,
        facets,
      });
      return {
        total: page.total,
        limit,
        offset,
        lens,
        sort,
        order,
        rows: page.rows,
        ...(page.facets && { facets: page.facets }),
      };
    },
  );

  app.get(
    '/api/images/:image/tags',
    {
      config: { withDb: anyQuery },
      schema: {
        summary: "an image's tags with the last point of each one's daily series",
        tags: ['images'],
        params: imageParams,
        querystring: z.object({ ...recentQuery, ...lensQuery }),
      },
    },
    async (request) => {
      const { image } = request.params;
      await knownImage(ctx.store, image);
      const tags = [];
      for (const t of await listTags(ctx.store, image))
        tags.push({
          ...t,
          ...(await tagSummary(ctx, { image, tag: t.tag }, request.query.recent, request.query.lens)),
        });
      return { image, registry: registryOf(image), tags };
    },
  );

  app.get(
    '/api/images/:image/tags/:tag/digests',
    {
      config: { storeOnly: anyQuery },
      schema: {
        summary: 'the digests the tag pointed to over time, oldest first',
        tags: ['images'],
        params: tagParams,
      },
    },
    async (request) => {
      const ref = await knownTag(ctx.store, request.params);
      return { ...ref, digests: await tagMoves(ctx.store, ref) };
    },
  );

  app.get(
    '/api/images/:image/tags/:tag/observations',
    {
      config: { storeOnly: anyQuery },
      schema: {
        summary: 'every observation of the tag in the range (what each scan or import said)',
        tags: ['images'],
        params: tagParams,
        querystring: z.object(rangeQuery),
      },
    },
    async (request) => {
      const ref = await knownTag(ctx.store, request.params);
      const range = dayRange(request.query.from, request.query.to);
      const rows = await observationsOf(ctx.store, ref, range.from, range.to);
      const observations = rows.map((r) => ({
        day: r.day,
        digest: r.digest,
        observedAt: r.observed_at,
        scannedAt: r.scanned_at,
        origin: r.origin,
        scanner: { name: r.scanner_name, version: r.scanner_version },
        dbBuiltAt: r.db_built_at,
        bySeverity: {
          critical: r.critical,
          high: r.high,
          medium: r.medium,
          low: r.low,
          negligible: r.negligible,
          unknown: r.unknown,
        },
        total: Number(r.total),
      }));
      return { ...ref, ...range, observations };
    },
  );
}
