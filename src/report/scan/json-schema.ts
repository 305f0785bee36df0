/**
 * cleanroom's scan result format (`scan --format json`), defined once with zod: the schema is the
 * documentation (docs/formats.md) and the reader, so a saved scan can be read back (reports,
 * `track` imports, diffing two scans).
 */
import { z } from 'zod';
import {
  sbomDistroSchema,
  sbomPackageSchema,
  sbomTargetSchema,
  sbomWarningSchema,
} from '../sbom/json-schema.js';
import { SCAN_SCHEMA_VERSION } from './json.js';

export { SCAN_SCHEMA_VERSION };

const severities = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'] as const;
const severity = z.enum(severities);
const fixStates = ['fixed', 'not-fixed', 'wont-fix', 'not-affected'] as const;
const fixState = z.enum(fixStates);

const vexSchema = z.object({
  status: z.enum(['not_affected', 'affected', 'fixed', 'under_investigation']),
  justification: z.string().optional(),
  impactStatement: z.string().optional(),
  source: z.string(),
});

/** One finding: a vulnerability in a package, with its severity, fix and provenance. */
export const findingSchema = z.object({
  vulnerability: z.string().min(1),
  aliases: z.array(z.string()),
  package: sbomPackageSchema,
  fixState,
  fixedVersion: z.string().optional(),
  fixedAt: z.string().optional(),
  severity,
  severitySource: z.string(),
  cvss: z
    .object({ score: z.number().min(0).max(10), vector: z.string().optional(), source: z.string() })
    .optional(),
  kev: z.boolean(),
  epss: z.number().min(0).max(1).optional(),
  matchedBy: z.string(),
  records: z.array(z.string()),
  summary: z.string().optional(),
  published: z.string().optional(),
  vex: vexSchema.optional(),
});

const count = z.number().int().nonnegative();

/** The whole scan result, schema version 1. */
export const scanResultSchema = z.object({
  schemaVersion: z.string(),
  scanner: z.object({ name: z.string(), version: z.string() }),
  db: z.object({ builtAt: z.string(), feeds: z.record(z.string(), z.string()) }),
  scannedAt: z.string(),
  // results written before replay was recorded were scans as of their own time
  asOf: z.string().optional(),
  replay: z.boolean().default(false),
  inventory: z.object({
    target: sbomTargetSchema,
    distro: sbomDistroSchema.optional(),
    packages: z.array(sbomPackageSchema),
    warnings: z.array(sbomWarningSchema),
  }),
  findings: z.array(findingSchema),
  suppressed: z.array(findingSchema),
  rules: z.object({
    countBy: z.enum(['vulnerability', 'package']),
    includeNegligible: z.boolean(),
    ignoreStates: z.array(fixState),
    onlyFixed: z.boolean(),
    cveOnly: z.boolean().optional(),
  }),
  summary: z.object({
    bySeverity: z.record(severity, count),
    byFixState: z.record(fixState, count),
    total: count,
    suppressed: count,
  }),
  warnings: z.array(z.object({ source: z.string(), message: z.string() })),
});
