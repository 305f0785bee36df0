import { z } from 'zod';

const licenseEntry = z.union([z.string(), z.object({ type: z.string() }).loose()]);
/** What the npm cataloguer reads of an installed package's package.json. */
export const manifest = z
  .object({
    name: z.string().min(1),
    version: z.string().min(1),
    license: licenseEntry.optional().catch(undefined),
    licenses: z.array(licenseEntry).optional().catch(undefined), // the legacy form
    private: z.boolean().optional().catch(undefined),
    homepage: z.string().optional().catch(undefined),
  })
  .loose();
