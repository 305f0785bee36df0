/** Resolved vulnerabilities, time to fix against an SLA, and the ROI of a tag. */
import { z } from 'zod';
import type { Severity } from '../../advisory/types.js';
import { dayRange } from '../../history/date-range.js';
import { resolvedImage, type ResolvedResult } from '../../history/resolved/resolved.js';
import { DEFAULT_ASSUMPTIONS, roiOf, type RoiAssumptions } from '../../history/resolved/roi.js';
import { DEFAULT_SLA, type Sla } from '../../history/resolved/time-to-fix.js';
import type { TagRef } from '../../history/image-ref.js';
import type { DayRange } from '../../history/date-range.js';
import { anyQuery } from '../cache.js';
import type { ServerContext } from '../context.js';
import { rangeQuery, tagParams } from '../params.js';
import { readSettings } from '../settings.js';
import { lensQuery, rulesOf, rulesQuery } from '../rules.js';
import type { Lens } from '../../history/lens.js';
import { knownTag } from './tag-ref.js';
import type { TypedApp } from './typed-app.js';

const slaQuery = {
  slaCritical: z.coerce.number().positive().optional().describe('SLA days for critical (default 7)'),
  slaHigh: z.coerce.number().positive().optional().describe('SLA days for high (default 14)'),
  slaMedium: z.coerce.number().positive().optional().describe('SLA days for medium (default 14)'),
  slaLow: z.coerce.number().positive().optional().describe('SLA days for low (default 14)'),
};
const roiQuery = {
  hoursPerCve: z.coerce.number().positive().optional().describe('hours one CVE costs (default 3)'),
  hourlyRate: z.coerce.number().nonnegative().optional().describe('cost of an hour (default 100)'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional()
    .describe('ISO 4217 code (default USD)'),
};
type SlaQuery = { slaCritical?: number; slaHigh?: number; slaMedium?: number; slaLow?: number };

// the library's `resolved` for one tag, on the open store; the reader only where a DB exists
async function resolvedOf(
  ctx: ServerContext,
  ref: TagRef,
  range: DayRange,
  sla: Sla,
  q: { lens: Lens } & Parameters<typeof rulesOf>[0],
): Promise<ResolvedResult> {
  const how = { lens: q.lens, rules: rulesOf(q) };
  const reader = (await ctx.hasDb()) ? await ctx.reader() : undefined;
  const meta = reader ? await reader.meta() : undefined;
  return {
    schemaVersion: '1',
    ...range,
    lens: how.lens,
    rules: how.rules,
    sla,
    db: meta
      ? { builtAt: meta.builtAt, feeds: Object.fromEntries(meta.feeds.map((f) => [f.name, f.version])) }
      : null,
    images: [await resolvedImage(ctx.store, reader, ref, range, sla, how)],
  };
}

type RoiQuery = { hoursPerCve?: number; hourlyRate?: number; currency?: string };

// the request's ROI assumptions over the stored settings over the defaults
async function assumptionsOf(ctx: ServerContext, q: RoiQuery): Promise<RoiAssumptions> {
  const stored = (await readSettings(ctx.store)).roi ?? {};
  return {
    hoursPerCve: q.hoursPerCve ?? stored.hoursPerCve ?? DEFAULT_ASSUMPTIONS.hoursPerCve,
    hoursBySeverity: q.hoursPerCve !== undefined ? {} : (stored.hoursBySeverity ?? {}),
    hourlyRate: q.hourlyRate ?? stored.hourlyRate ?? DEFAULT_ASSUMPTIONS.hourlyRate,
    currency: q.currency ?? stored.currency ?? DEFAULT_ASSUMPTIONS.currency,
  };
}

async function slaOf(ctx: ServerContext, q: SlaQuery): Promise<Sla> {
  const given: Partial<Record<Severity, number | undefined>> = {
    critical: q.slaCritical,
    high: q.slaHigh,
    medium: q.slaMedium,
    low: q.slaLow,
  };
  const sla: Sla = { ...DEFAULT_SLA, ...(await readSettings(ctx.store)).sla } as Sla;
  for (const [s, days] of Object.entries(given)) if (days !== undefined) sla[s as Severity] = days;
  return sla;
}

/** Registers resolved, time-to-fix and roi. */
export function resolvedRoutes(app: TypedApp, ctx: ServerContext): void {
  const query = z.object({ ...rangeQuery, ...slaQuery, ...rulesQuery, ...lensQuery });
  app.get(
    '/api/images/:image/tags/:tag/resolved',
    {
      config: { withDb: anyQuery },
      schema: {
        summary:
          'vulnerabilities resolved per day, by severity and how, and each resolution with the hours and money it saved under the ROI assumptions',
        tags: ['resolved'],
        params: tagParams,
        querystring: query.extend({
          ...roiQuery,
          withRoi: z
            .enum(['true', 'false'])
            .optional()
            .describe(
              "add the assumptions, the ROI and each resolution's hours and money (default: what `cleanroom resolved --format json` answers)",
            )
            .transform((v) => v === 'true'),
        }),
      },
    },
    async (request) => {
      const ref = await knownTag(ctx.store, request.params);
      const range = dayRange(request.query.from, request.query.to);
      const result = await resolvedOf(ctx, ref, range, await slaOf(ctx, request.query), request.query);
      if (!request.query.withRoi) return result;
      const assumptions = await assumptionsOf(ctx, request.query);
      // the hours and money of each resolution and of all: the one ROI function (roiOf), so the
      // list, the headline and the report cannot disagree
      return {
        ...result,
        assumptions,
        images: result.images.map((img) => ({
          ...img,
          roi: roiOf(img.resolutions, assumptions),
          resolutions: img.resolutions.map((r) => {
            const one = roiOf([r], assumptions);
            return { ...r, hours: one.hours, money: one.money };
          }),
        })),
      };
    },
  );
  app.get(
    '/api/images/:image/tags/:tag/time-to-fix',
    {
      config: { withDb: anyQuery },
      schema: {
        summary: 'time to fix per severity against the SLA',
        tags: ['resolved'],
        params: tagParams,
        querystring: query,
      },
    },
    async (request) => {
      const ref = await knownTag(ctx.store, request.params);
      const range = dayRange(request.query.from, request.query.to);
      const result = await resolvedOf(ctx, ref, range, await slaOf(ctx, request.query), request.query);
      return { ...ref, ...range, sla: result.sla, timeToFix: result.images[0]!.timeToFix };
    },
  );
  app.get(
    '/api/images/:image/tags/:tag/roi',
    {
      config: { withDb: anyQuery },
      schema: {
        summary: 'hours and money the resolutions saved, with the assumptions used',
        tags: ['resolved'],
        params: tagParams,
        querystring: z.object({ ...rangeQuery, ...roiQuery, ...rulesQuery, ...lensQuery }),
      },
    },
    async (request) => {
      const ref = await knownTag(ctx.store, request.params);
      const range = dayRange(request.query.from, request.query.to);
      const q = request.query;
      const assumptions = await assumptionsOf(ctx, q);
      const result = await resolvedOf(ctx, ref, range, await slaOf(ctx, {}), q);
      return {
        ...ref,
        ...range,
        lens: q.lens,
        assumptions,
        roi: roiOf(result.images[0]!.resolutions, assumptions),
      };
    },
  );
}
