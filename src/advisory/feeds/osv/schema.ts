/** zod schema of an OSV record (https://ossf.github.io/osv-schema/), only the fields we keep. */
import { z } from 'zod';

const event = z.union([
  z.object({ introduced: z.string() }),
  z.object({ fixed: z.string() }),
  z.object({ last_affected: z.string() }),
  z.object({ limit: z.string() }),
]);

const range = z.object({
  type: z.enum(['ECOSYSTEM', 'SEMVER', 'GIT']),
  events: z.array(event),
});

const severity = z.object({ type: z.string(), score: z.string() });

/** `database_specific` / `ecosystem_specific`: free-form, we only look for a `severity` word. */
const specific = z.looseObject({ severity: z.unknown().optional() }).nullish();

const affected = z.object({
  package: z
    .object({ ecosystem: z.string().min(1), name: z.string().min(1), purl: z.string().nullish() })
    .nullish(),
  ranges: z.array(range).nullish(),
  versions: z.array(z.string()).nullish(),
  severity: z.array(severity).nullish(),
  database_specific: specific,
  ecosystem_specific: specific,
});

export const osvRecordSchema = z.object({
  id: z.string().min(1),
  modified: z.string().min(1),
  published: z.string().nullish(),
  withdrawn: z.string().nullish(),
  aliases: z.array(z.string()).nullish(),
  upstream: z.array(z.string()).nullish(),
  summary: z.string().nullish(),
  details: z.string().nullish(),
  severity: z.array(severity).nullish(),
  affected: z.array(affected).nullish(),
  references: z.array(z.object({ url: z.string() })).nullish(),
  database_specific: specific,
});

export type OsvRecord = z.infer<typeof osvRecordSchema>;
export type OsvAffected = z.infer<typeof affected>;
export type OsvSeverity = z.infer<typeof severity>;
