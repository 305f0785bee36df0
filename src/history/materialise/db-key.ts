/** Which advisory DB build a materialised series was computed against: its build time and feed versions. */
import { createHash } from 'node:crypto';
import type { DbMeta } from '../../advisory/db/types.js';

/** A short, stable key of a DB build. */
export function dbKeyOf(meta: DbMeta): string {
  const feeds = meta.feeds.map((f) => `${f.name}=${f.version}`).sort();
  return createHash('sha256')
    .update(JSON.stringify([meta.builtAt, feeds]))
    .digest('hex')
    .slice(0, 32);
}
