/**
 * The ROI report as a file (`cleanroom report` over HTTP): HTML, PDF, CSV, Markdown or JSON of
 * the same numbers, for the console's download links. It replays from the advisory DB when the
 * server has one, so it is never kept in the answer cache.
 */
import { z } from 'zod';
import { roiReport } from '../../history/resolved/roi-report.js';
import { REPORT_FORMATS, renderRoiReport, type ReportFormat } from '../../report/roi/index.js';
import type { ServerContext } from '../context.js';
import type { AppOptions } from '../options.js';
import { lensQuery, rulesOf, rulesQuery } from '../rules.js';
import type { TypedApp } from './typed-app.js';

const refList = z
  .string()
  .min(1)
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

const reportQuery = z.object({
  images: refList.describe('the images you use: NAME:TAG, comma-separated (NAME:TAG@DATE pins one)'),
  from: z.string().min(1).describe('your start date: the report covers since then (YYYY-MM-DD)'),
  to: z.string().min(1).optional().describe('last day (default: today)'),
  alternatives: refList.optional().describe('images you would have used instead, comma-separated'),
  hoursPerCve: z.coerce.number().optional().describe('engineering hours one CVE costs (default 3)'),
  hourlyRate: z.coerce.number().optional().describe('cost of one engineering hour (default 100)'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'is an ISO 4217 code (three capital letters)')
    .optional()
    .describe('ISO 4217 code of the rate (default USD)'),
  format: z.enum(REPORT_FORMATS).default('html').describe('html, pdf, md, json or csv'),
  ...rulesQuery,
  ...lensQuery,
});

/** Registers the report download. */
export function reportRoutes(app: TypedApp, ctx: ServerContext, options: AppOptions = {}): void {
  app.get(
    '/api/report',
    {
      schema: {
        summary: 'the ROI report (HTML, PDF, Markdown, JSON or CSV) as a file',
        tags: ['resolved'],
        querystring: reportQuery,
      },
    },
    async (request, reply) => {
      const q = request.query;
      const report = await roiReport(q.images, {
        since: q.from,
        to: q.to,
        alternatives: q.alternatives,
        assumptions: {
          ...(q.hoursPerCve !== undefined ? { hoursPerCve: q.hoursPerCve } : {}),
          ...(q.hourlyRate !== undefined ? { hourlyRate: q.hourlyRate } : {}),
          ...(q.currency !== undefined ? { currency: q.currency } : {}),
        },
        lens: q.lens,
        rules: rulesOf(q),
        store: ctx.storeUrl,
        db: (await ctx.hasDb()) ? ctx.dbPath : undefined,
      });
      // a PDF on a page of the server's shared browser (report/roi/pdf-printer.ts)
      const body = await renderRoiReport(q.format, report, options.print);
      const name = `cleanroom-roi-${report.since}.${q.format}`;
      return reply
        .type(TYPES[q.format])
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(body);
    },
  );
}
