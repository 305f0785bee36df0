/**
 * Known-from for records without a date of their own (Alpine's secdb, Debian's tracker): the
 * earliest publication date the DB holds for the same vulnerability under any id (CVE JSON 5, OSV,
 * NVD …; ids collapse to the CVE in the `vulnerability` column), when that is earlier than the
 * build that first saw the record. So a replay before the user's first build is not empty.
 */
import { sql } from 'kysely';
import type { Store } from '../../store/connect.js';
import type { AdvisoryTables } from './schema.js';

/** Moves `first-build` rows back to the earliest publication of their vulnerability, marked `alias`. */
export async function datePublishedFromAliases(store: Store<AdvisoryTables>): Promise<void> {
  const earliest = sql<string>`(SELECT MIN(v.published) FROM vulnerability v
    WHERE v.vulnerability = affected.vulnerability AND v.published IS NOT NULL)`;
  await sql`UPDATE affected SET known_from = ${earliest}, known_from_source = 'alias'
    WHERE known_from_source = 'first-build' AND ${earliest} < known_from`.execute(store.db);
}
