/** zod schemas of Debian's security tracker JSON (https://security-tracker.debian.org/tracker/data/json). */
import { z } from 'zod';

/** One release's view of one CVE in one source package. */
export const trackerReleaseSchema = z.object({
  status: z.enum(['resolved', 'open', 'undetermined']),
  fixed_version: z.string().nullish(),
  urgency: z.string().nullish(),
  nodsa: z.string().nullish(),
  nodsa_reason: z.string().nullish(),
  repositories: z.record(z.string(), z.string()).nullish(),
});

/** One CVE (or TEMP- id) of one source package. */
export const trackerIssueSchema = z.object({
  description: z.string().nullish(),
  scope: z.string().nullish(),
  debianbug: z.number().nullish(),
  releases: z.record(z.string(), trackerReleaseSchema),
});

/** One source package: its issues by id. */
export const trackerPackageSchema = z.record(z.string(), z.unknown());

export type TrackerRelease = z.infer<typeof trackerReleaseSchema>;
export type TrackerIssue = z.infer<typeof trackerIssueSchema>;
