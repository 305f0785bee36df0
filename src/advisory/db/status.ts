/**
 * What `db status` reports: feeds, record counts per feed and per ecosystem, build time and age,
 * and whether the DB is older than the age the user accepts.
 */
import { openAdvisoryDb } from './reader.js';
import type { DbHistory, FeedStatus } from './types.js';

export interface AdvisoryDbStatus {
  schemaVersion: 1;
  db: string;
  dbSchemaVersion: number;
  builtAt: string;
  ageSeconds: number;
  maxAgeSeconds: number;
  stale: boolean;
  feeds: FeedStatus[];
  ecosystems: Record<string, number>;
  /** the record history kept for as-of reads */
  history: DbHistory;
}

/** Reads the status of the DB at `db`, judged against `maxAgeSeconds` at `now`. */
export async function advisoryDbStatus(
  db: string,
  maxAgeSeconds: number,
  now = new Date(),
): Promise<AdvisoryDbStatus> {
  const reader = await openAdvisoryDb(db);
  try {
    const meta = await reader.meta();
    const ecosystems = Object.fromEntries(await reader.ecosystems());
    const ageSeconds = Math.max(0, Math.round((now.getTime() - Date.parse(meta.builtAt)) / 1000));
    return {
      schemaVersion: 1,
      db,
      dbSchemaVersion: meta.schemaVersion,
      builtAt: meta.builtAt,
      ageSeconds,
      maxAgeSeconds,
      stale: ageSeconds > maxAgeSeconds,
      feeds: meta.feeds,
      ecosystems,
      history: await reader.history(),
    };
  } finally {
    await reader.close();
  }
}
