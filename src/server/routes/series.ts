/** The daily series of a tag (observed or replayed), its accumulation, and compare. */
import { z } from 'zod';
import { accumulation, dailyAverage } from '../../history/accumulation.js';
import { dayRange } from '../../history/date-range.js';
import { anyQuery } from '../cache.js';
import { compareOn } from '../compare.js';
import type { ServerContext } from '../context.js';
import { rangeQuery, replayQuery, tagParams } from '../params.js';
import { rulesOf, rulesQuery, vexOf, vexQuery } from '../rules.js';
import { seriesOf } from '../series.js';
import { knownTag } from './tag-ref.js';
import type { TypedApp } from './typed-app.js';

const seriesQuery = z.object({ ...rangeQuery, ...replayQuery, ...rulesQuery, ...vexQuery });
// a replay (and after VEX, which replays with the statements) reads the advisory DB too: kept
// while neither the store nor the DB file changed (cache.ts)
const observedOnly = {
  storeOnly: (q: { replay: boolean; afterVex: boolean }) => !q.replay && !q.afterVex,
  withDb: anyQuery,
};

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
      const points = await seriesOf(ctx, ref, range, replay, rulesOf(request.query), vex);
      return {
        schemaVersion: '1',
        ...ref,
        ...range,
        replay,
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
        summary: 'the cumulative number of vulnerabilities newly identified since the first point',
        tags: ['series'],
        params: tagParams,
        querystring: seriesQuery,
      },
    },
    async (request) => {
      const ref = await knownTag(ctx.store, request.params);
      const range = dayRange(request.query.from, request.query.to);
      const rules = rulesOf(request.query);
      const points = await seriesOf(ctx, ref, range, request.query.replay, rules, vexOf(ctx, request.query));
      const cumulative = accumulation(points);
      return {
        ...ref,
        ...range,
        dailyAverage: dailyAverage(points),
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
      config: {
        storeOnly: (q: { replay: boolean; afterVex: boolean; images: string }) =>
          !q.replay && !q.afterVex && !q.images.includes('@'),
        withDb: anyQuery,
      },
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
      return compareOn(ctx, refs, range, request.query.replay, rulesOf(request.query), vex);
    },
  );
}
