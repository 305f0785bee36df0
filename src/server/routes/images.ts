/** Images, their tags, where a tag pointed over time, and its observations. */
import { z } from 'zod';
import { countCompact } from '../../history/compact.js';
import { dayRange } from '../../history/date-range.js';
import type { TagRef } from '../../history/image-ref.js';
import { listImages, listTags, observationsOf } from '../../history/store/queries-images.js';
import { recentPoints } from '../../history/recent-points.js';
import type { Lens } from '../../history/lens.js';
import { digestFacts, tagMoves } from '../../history/store/read.js';
import { DEFAULT_RULES } from '../../match/counting.js';
import type { ServerContext } from '../context.js';
import { anyQuery } from '../cache.js';
import { lensQuery } from '../rules.js';
import { imageParams, pageQuery, rangeQuery, tagParams } from '../params.js';
import { findingsAt } from '../series.js';
import { knownImage, knownTag } from './tag-ref.js';
import type { TypedApp } from './typed-app.js';

/** The registry of an image name, as Docker reads it: a first part with a dot, a colon or localhost. */
export function registryOf(name: string): string {
  const first = name.split('/')[0]!;
  return name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
    ? first
    : 'docker.io';
}

const recentQuery = {
  recent: z.coerce
    .number()
    .int()
    .min(0)
    .max(90)
    .default(0)
    .describe('also answer the daily series of the last N days of data (0: none)'),
};

/**
 * One tag as the directory lists it: the last point of its daily series (replayed where no scan
 * ran that day, as `compare --replay` draws it) with its counts, fixable counts, the distribution,
 * size and package count of its digest, and optionally the `recent` days of the series up to it.
 */
async function tagSummary(ctx: ServerContext, ref: TagRef, recent: number, lens: Lens) {
  const reader = (await ctx.hasDb()) ? await ctx.reader() : undefined;
  const points = await recentPoints(ctx.store, ref, Math.max(1, recent), reader, { lens });
  const last = points.at(-1);
  if (!last) return { latest: null, distro: null, created: null, sizeBytes: null, packages: null };
  const findings = await findingsAt(ctx, ref, last);
  const fixable = countCompact(
    findings.map((f) => f.finding).filter((f) => f[2] === 'fixed'),
    DEFAULT_RULES,
  ).bySeverity;
  const facts = await digestFacts(ctx.store, last.digest, true);
  const d = facts.inventory?.distro;
  return {
    latest: {
      day: last.day,
      kind: last.kind,
      lens: last.lens,
      basis: last.basis,
      coverage: last.coverage,
      digest: last.digest,
      total: last.total,
      bySeverity: last.bySeverity,
      fixable,
    },
    distro: d ? { id: d.id, versionId: d.versionId ?? null, prettyName: d.prettyName ?? null } : null,
    created: facts.created,
    sizeBytes: facts.sizeBytes,
    packages: facts.packages ?? facts.inventory?.packages.length ?? null,
    ...(recent > 0 && {
      recent: points.map((p) => ({
        day: p.day,
        kind: p.kind,
        total: p.total,
        lowerBound: p.coverage?.lowerBound ?? false,
      })),
    }),
  };
}

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
        querystring: z.object({ ...pageQuery, ...recentQuery, ...lensQuery }),
      },
    },
    async (request) => {
      const { limit, offset, recent } = request.query;
      const page = await listImages(ctx.store, limit, offset);
      const images = [];
      for (const image of page.images) {
        const tags = [];
        for (const tag of image.tags)
          tags.push({
            tag,
            ...(await tagSummary(ctx, { image: image.name, tag }, recent, request.query.lens)),
          });
        images.push({
          name: image.name,
          registry: registryOf(image.name),
          firstSeen: image.firstSeen,
          tags,
        });
      }
      return { total: page.total, limit, offset, images };
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
