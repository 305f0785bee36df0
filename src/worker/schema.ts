/** The watch table of the history store (migration 0003-watch), and the store seen with it. */
import type { Kysely } from 'kysely';
import type { HistoryStore } from '../history/store/open.js';
import type { HistoryTables } from '../history/store/schema.js';

export type WatchTable = {
  image: string;
  tag: string;
  /** what is pulled: a registry reference, or any source `track` takes */
  source: string;
  every_seconds: number;
  platform: string | null;
  plain_http: number;
  created_at: string;
  /** the index of the last period observed (floor(time / period)): a period is observed once */
  last_period: number | null;
  last_observed_at: string | null;
  /** why the last run failed for good (after its retries); null once a run succeeds */
  last_error: string | null;
  failed_at: string | null;
  /** `cli` or `api` (migration 0004): an `api` watch is pulled under the egress policy */
  origin: string;
};

export type WatchTables = HistoryTables & { watch: WatchTable };

/** The store's Kysely instance, typed with the watch table too. */
export function watchDb(store: HistoryStore): Kysely<WatchTables> {
  return store.db as unknown as Kysely<WatchTables>;
}
