import { z } from 'zod';

/** The facts `reduceArchive` keeps of a Java archive (reduced.ts), as read back. */
export const FactsSchema = z.array(
  z.object({
    inner: z.string(),
    manifest: z.record(z.string(), z.string()),
    poms: z.array(z.object({ groupId: z.string(), artifactId: z.string(), version: z.string() })),
  }),
);
