/** zod schemas of a Wolfi/Chainguard advisories document, schema v2 (wolfi-dev/advisories). */
import { z } from 'zod';

/** The document; advisories are validated one by one so that one bad advisory is skipped alone. */
export const advisoriesDocumentSchema = z.object({
  'schema-version': z.union([z.string(), z.number()]),
  package: z.object({ name: z.string().min(1) }),
  advisories: z.array(z.unknown()).nullish(),
});

const event = z.object({
  timestamp: z.string().min(1),
  type: z.string().min(1),
  data: z.looseObject({ 'fixed-version': z.string().optional() }).nullish(),
});

export const wolfiAdvisorySchema = z.object({
  id: z.string().min(1),
  aliases: z.array(z.string()).nullish(),
  events: z.array(event).min(1),
});

export type WolfiAdvisory = z.infer<typeof wolfiAdvisorySchema>;
export type WolfiEvent = z.infer<typeof event>;
