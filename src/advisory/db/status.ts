/**
 * What `db status` reports: feeds, record counts per feed and per ecosystem, build time and age,
 * and whether the DB is older than the age the user accepts.
 */
import { InputError } from '../../errors.js';
import { openAdvisoryDb } from './reader.js';
import type { FeedStatus } from './types.js';

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
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Parses an age like `7d`, `12h`, `30m`, `2w` into seconds. */
export function parseAge(text: string): number {
  const m = /^(\d+)\s*([smhdw])$/i.exec(text.trim());
  if (!m)
    throw new InputError(`cannot read the age "${text}"; write a number and a unit, like 7d, 12h or 2w`);
  return Number(m[1]) * UNITS[m[2]!.toLowerCase()]!;
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
    };
  } finally {
    await reader.close();
  }
}

/** An age in the largest whole unit that reads well: `3d 4h`, `5h 12m`, `40s`. */
export function formatAge(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  return m > 0 ? `${m}m` : `${seconds}s`;
}
