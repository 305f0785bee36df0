/** Images, their tags, where a tag pointed over time, and its observations. */
import { z } from 'zod';
import { dayRange } from '../../history/date-range.js';
import { latestPoint, listImages, listTags, observationsOf } from '../../history/store/queries-images.js';
import { tagMoves } from '../../history/store/read.js';
import type { Point } from '../../history/types.js';
import type { ServerContext } from '../context.js';
import { anyQuery } from '../cache.js';
import { imageParams, pageQuery, rangeQuery, tagParams } from '../params.js';
import { knownImage, knownTag } from './tag-ref.js';
import type { TypedApp } from './typed-app.js';

const latestOf = (p: Point | undefined) =>
  p ? { day: p.day, digest: p.digest, total: p.total, bySeverity: p.bySeverity } : null;

/** Registers the image and tag routes. */
export function imageRoutes(app: TypedApp, ctx: ServerContext): void {
  app.get(
    '/api/images',
    {
      config: { storeOnly: anyQuery },
      schema: {
        summary: 'the images of the store, by name, each tag with its latest observed counts',
        tags: ['images'],
        querystring: z.object(pageQuery),
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const page = await listImages(ctx.store, limit, offset);
      const images = [];
      for (const image of page.images) {
        const tags = [];
        for (const tag of image.tags)
          tags.push({ tag, latest: latestOf(await latestPoint(ctx.store, { image: image.name, tag })) });
        images.push({ name: image.name, firstSeen: image.firstSeen, tags });
      }
      return { total: page.total, limit, offset, images };
    },
  );

  app.get(
    '/api/images/:image/tags',
    {
      config: { storeOnly: anyQuery },
      schema: {
        summary: "an image's tags with their latest observed counts",
        tags: ['images'],
        params: imageParams,
      },
    },
    async (request) => {
      const { image } = request.params;
      await knownImage(ctx.store, image);
      const tags = [];
      for (const t of await listTags(ctx.store, image))
        tags.push({ ...t, latest: latestOf(await latestPoint(ctx.store, { image, tag: t.tag })) });
      return { image, tags };
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
