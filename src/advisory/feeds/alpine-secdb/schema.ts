/** zod schemas of an apk secdb document (Alpine secdb JSON/YAML, Wolfi/Chainguard security.json). */
import { z } from 'zod';

/** The document around the packages; packages are validated one by one so one bad one is skipped. */
export const secdbDocumentSchema = z.object({
  distroversion: z.string().nullish(),
  reponame: z.string().nullish(),
  urlprefix: z.string().nullish(),
  apkurl: z.string().nullish(),
  // a branch without any fix yet is written `packages:` (null)
  packages: z.array(z.unknown()).nullable(),
});

/** One package: fixed version → ids fixed in it (`0`: never affected). */
export const secdbPackageSchema = z.object({
  pkg: z.object({
    name: z.string().min(1),
    secfixes: z.record(z.string(), z.array(z.union([z.string(), z.number()])).nullable()).nullish(),
  }),
});

export type SecdbDocument = z.infer<typeof secdbDocumentSchema>;
export type SecdbPackage = z.infer<typeof secdbPackageSchema>;
