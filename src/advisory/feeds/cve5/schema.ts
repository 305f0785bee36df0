/** zod schema of a CVE JSON 5 record (https://github.com/CVEProject/cve-schema), the fields we keep. */
import { z } from 'zod';

const cvss = z.object({
  vectorString: z.string().optional(),
  baseScore: z.number().optional(),
  baseSeverity: z.string().optional(),
});

/** One metrics entry: at most one of the CVSS versions, or `other` (SSVC …) which we ignore. */
export const metricSchema = z.looseObject({
  cvssV4_0: cvss.optional(),
  cvssV3_1: cvss.optional(),
  cvssV3_0: cvss.optional(),
  cvssV2_0: cvss.optional(),
});

const container = z.object({
  providerMetadata: z.looseObject({ shortName: z.string().optional() }).optional(),
  descriptions: z.array(z.object({ lang: z.string(), value: z.string() })).optional(),
  metrics: z.array(metricSchema).optional(),
});

export const cve5RecordSchema = z.object({
  dataType: z.literal('CVE_RECORD').optional(),
  cveMetadata: z.object({
    cveId: z.string().regex(/^CVE-\d{4}-\d{4,}$/),
    state: z.enum(['PUBLISHED', 'REJECTED']),
    datePublished: z.string().optional(),
    dateUpdated: z.string().optional(),
    dateReserved: z.string().optional(),
    dateRejected: z.string().optional(),
  }),
  containers: z.object({ cna: container, adp: z.array(container).optional() }),
});

export type Cve5Record = z.infer<typeof cve5RecordSchema>;
export type Cve5Metric = z.infer<typeof metricSchema>;
