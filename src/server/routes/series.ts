/** The daily series of a tag (observed or replayed), its accumulation, and compare. */
import { z } from 'zod';
import { accumulation, accumulationRate, dailyAverage } from '../../history/accumulation.js';
import { dayRange } from '../../history/date-range.js';
import { anyQuery } from '../cache.js';
import { compareOn } from '../compare.js';
import type { ServerContext } from '../context.js';
import { rangeQuery, replayQuery, tagParams } from '../params.js';
import { lensQuery, rulesOf, rulesQuery, vexOf, vexQuery } from '../rules.js';
import { seriesOf } from '../series.js';
import { knownTag } from './tag-ref.js';
import type { TypedApp } from './typed-app.js';

const seriesQuery = z.object({ ...rangeQuery, ...replayQuery, ...rulesQuery, ...vexQuery, ...lensQuery });
// every point is computed under its lens from the advisory DB: kept while neither the store nor
// the DB file changed (cache.ts)
const observedOnly = { withDb: anyQuery };

/** Registers history, accumulation and compare. */
export function seriesRoutes(app: TypedApp, ctx: ServerContext): void {
  app.get(
    '/api/images/:image/tags/:tag/history',
    {
      config: observedOnly,
      schema: {
        summary: 'the daily series by severity and fix state (what `cleanroom history` returns)',
        tags: ['series'],
        params: tagParams,
        querystring: seriesQuery,
      },
    },
    async (request) => {
      const ref = await knownTag(ctx.store, request.params);
      const range = dayRange(request.query.from, request.query.to);
      const { replay } = request.query;
      const vex = vexOf(ctx, request.query);
      const { lens } = request.query;
      const rules = rulesOf(request.query);
      const points = await seriesOf(ctx, ref, range, replay, rules, vex, lens);
      return {
        schemaVersion: '1',
        ...ref,
        ...range,
        replay,
        lens,
        rules,
        ...(vex ? { vexStatements: vex.length } : {}),
        points,
      };
    },
  );

  app.get(
    '/api/images/:image/tags/:tag/accumulation',
    {
      config: observedOnly,
      schema: {
        summary:
          'the cumulative number of distinct vulnerabilities counted since the first day (that day included), and the rate of new ones per 30 days',
        tags: ['series'],
        params: tagParams,
        querystring: seriesQuery,
      },
    },
    async (request) => {
      const ref = await knownTag(ctx.store, request.params);
      const range = dayRange(request.query.from, request.query.to);
      const rules = rulesOf(request.query);
      const { lens } = request.query;
      const vex = vexOf(ctx, request.query);
      const points = await seriesOf(ctx, ref, range, request.query.replay, rules, vex, lens);
      const cumulative = accumulation(points);
      return {
        ...ref,
        ...range,
        lens,
        dailyAverage: dailyAverage(points),
        accumulationRate: accumulationRate(points),
        points: points.map((p, i) => ({
          day: p.day,
          kind: p.kind,
          total: p.total,
          cumulative: cumulative[i]!,
        })),
      };
    },
  );

  app.get(
    '/api/compare',
    {
      // a pinned image (@DATE, @sha256:…) is replayed
      config: { withDb: anyQuery },
      schema: {
        summary: 'images side by side (what `cleanroom compare` returns)',
        tags: ['series'],
        querystring: seriesQuery.extend({
          images: z.string().min(1).describe('comma-separated NAME:TAG, NAME:TAG@DATE or NAME:TAG@sha256:…'),
        }),
      },
    },
    async (request) => {
      const range = dayRange(request.query.from, request.query.to);
      const refs = request.query.images
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      const vex = vexOf(ctx, request.query);
      return compareOn(
        ctx,
        refs,
        range,
        request.query.replay,
        rulesOf(request.query),
        vex,
        request.query.lens,
      );
    },
  );
}
