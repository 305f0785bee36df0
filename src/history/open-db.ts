/** The advisory DB a history question is answered against, opened only where it is needed or there. */
import { existsSync } from 'node:fs';
import { openAdvisoryDb } from '../advisory/db/index.js';
import { defaultDbPath } from '../advisory/db/paths.js';
import type { AdvisoryDbReader } from '../advisory/db/types.js';

/**
 * The advisory DB a series is computed against: required to replay; for observed days only, used
 * where it exists (without one, observed days show what their scans recorded, `basis: recorded`).
 */
export async function openDbIfAny(
  db: string | undefined,
  required: boolean,
): Promise<AdvisoryDbReader | undefined> {
  const path = db ?? defaultDbPath();
  if (!required && !path.includes('://') && !existsSync(path)) return undefined;
  return openAdvisoryDb(path);
}
