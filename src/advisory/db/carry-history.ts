/**
 * Copies into a new build what the previous build knew and this one no longer says: rows of
 * earlier contents (kept as they are), the current rows of records whose content changed (closed
 * at this build), and records that disappeared from their feed (withdrawn at this build).
 */
import type { Store } from '../../store/connect.js';
import { chunked } from '../../store/sql-values.js';
import type { PreviousBuild } from './previous.js';
import type { AdvisoryTables } from './schema.js';

export interface CarryPlan {
  /** the feeds this build read: only their records are carried */
  feeds: readonly string[];
  /** record keys the build saw (the rest of the feeds' records disappeared) */
  seen: ReadonlySet<string>;
  /** record keys whose undated content changed in this build */
  changed: ReadonlySet<string>;
  now: string;
}

/** What was carried: disappeared records, closed contents, rows of earlier contents. */
export interface Carried {
  withdrawn: number;
  closed: number;
  history: number;
}

/** Carries the previous build's history into `target` following `plan`. */
export async function carryHistory(
  previous: PreviousBuild,
  target: Store<AdvisoryTables>,
  plan: CarryPlan,
): Promise<Carried> {
  const carried: Carried = { withdrawn: 0, closed: 0, history: 0 };
  const { now } = plan;
  for (const feed of plan.feeds) {
    const prefix = `${feed}\0`;
    const missing: string[] = [];
    const touched: string[] = [];
    for (const key of previous.records.keys()) {
      if (!key.startsWith(prefix)) continue;
      const id = key.slice(prefix.length);
      if (!plan.seen.has(key)) missing.push(id);
      else if (plan.changed.has(key) || previous.withHistory.has(key)) touched.push(id);
    }
    for (const ids of chunked(missing)) {
      const vulns = await previous.store.db
        .selectFrom('vulnerability')
        .selectAll()
        .where('feed', '=', feed)
        .where('record_id', 'in', ids)
        .execute();
      const rows = await affectedOf(previous, feed, ids);
      await target.bulkInsert(
        'vulnerability',
        vulns.map((v) => ({ ...v, withdrawn: v.withdrawn ?? now })),
        { ignoreConflicts: true },
      );
      // every row of a disappeared record stays, the current ones withdrawn now
      await target.bulkInsert(
        'affected',
        rows.map((a) => ({ ...a, withdrawn: a.known_to === null ? (a.withdrawn ?? now) : a.withdrawn })),
      );
      const aliases = vulns.flatMap((v) =>
        [v.id, v.vulnerability, ...(JSON.parse(v.aliases ?? '[]') as string[])].map((alias) => ({
          alias,
          vulnerability: v.vulnerability,
        })),
      );
      await target.bulkInsert('alias', aliases, { ignoreConflicts: true });
      carried.withdrawn += vulns.length;
    }
    for (const ids of chunked(touched)) {
      const rows = (await affectedOf(previous, feed, ids)).filter((a) => a.known_from_source !== 'event');
      const out = rows.flatMap((a) => {
        if (a.known_to !== null) return [a];
        if (!plan.changed.has(`${prefix}${a.record_id}`)) return [];
        // what the record said until this build saw it change
        return [{ ...a, known_to: now < a.known_from ? a.known_from : now }];
      });
      carried.history += out.filter((a) => rows.includes(a)).length;
      carried.closed += out.length - out.filter((a) => rows.includes(a)).length;
      await target.bulkInsert('affected', out);
    }
  }
  return carried;
}

async function affectedOf(previous: PreviousBuild, feed: string, ids: string[]) {
  return previous.store.db
    .selectFrom('affected')
    .selectAll()
    .where('feed', '=', feed)
    .where('record_id', 'in', ids)
    .execute();
}
