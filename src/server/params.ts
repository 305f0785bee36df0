/**
 * The zod schemas of the API's inputs: path parameters, ranges, pagination. The routes validate
 * with them and the OpenAPI document is generated from them, so the two cannot drift.
 */
import { z } from 'zod';
import { parseFeedTime } from '../time/instant.js';

// what parseUserTime accepts: `now`, a date (YYYY-MM-DD) or an ISO 8601 time
const userTime = z
  .string()
  .refine((v) => v.trim().toLowerCase() === 'now' || parseFeedTime(v.trim()) !== undefined, {
    message: 'is not a date (use YYYY-MM-DD or an ISO 8601 time)',
  });

/** `from`/`to`: a bare date is the end of that UTC day; default: the 30 days up to today. */
export const rangeQuery = {
  from: userTime.optional().describe('first day (YYYY-MM-DD or ISO time); default: 29 days before `to`'),
  to: userTime.optional().describe('last day; default: today'),
};

/** `replay=true`: every day gets a point, replayed where no scan observed it. */
export const replayQuery = {
  replay: z
    .enum(['true', 'false'])
    .optional()
    .describe('replay the days no scan observed')
    .transform((v) => v === 'true'),
};

/** Pagination of lists. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('page size (1–500)'),
  offset: z.coerce.number().int().min(0).default(0).describe('rows skipped'),
};

/** An image name (URL-encoded: `cgr.dev%2Fchainguard%2Fpython`). */
export const imageParams = z.object({ image: z.string().min(1).describe('image name, URL-encoded') });

/** An image name and one of its tags. */
export const tagParams = z.object({
  image: z.string().min(1).describe('image name, URL-encoded'),
  tag: z.string().min(1).describe('tag'),
});

/** A time for a write (`at`). */
export const atQuery = {
  at: userTime.optional().describe('the instant of the point (default: from the input)'),
};

/** `NAME:TAG` a write records under. */
export const asQuery = {
  as: z
    .string()
    .regex(/^[^\s]+:[^:/\s]+$/, 'write NAME:TAG')
    .describe('the image and tag the input is an observation of (NAME:TAG)'),
};
