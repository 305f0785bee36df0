/**
 * What a Directory page reads of every tag's series state: freshness (DB build, dirty-from) and the
 * stored rows of both lenses. The stored rows are kilobytes of JSON a tag (6 MB for 1,200 tags),
 * parsing them was most of a page's time, and they change only when a refresh rewrites a tag's
 * state, which always sets its `computed_at`. So each store keeps the rows it parsed, with the
 * `computed_at` they were parsed at, and a page reads the small columns of every state and the
 * JSON of only the states rewritten since: the same heads, without parsing what did not change.
 */
import type { LatestPoints } from './materialise/store.js';
import type { HistoryStore } from './store/open.js';
import { chunked } from '../store/sql-values.js';

/** A tag's state as a Directory page reads it. */
export interface DirectoryHead {
  dbKey: string;
  dirtyFrom: string | null;
  latest: LatestPoints | null;
}

/** Above this many tags the parsed rows are not kept (memory stays bounded); each page parses them. */
export const KEPT_HEADS = 5000;

const kept = new WeakMap<HistoryStore, Map<string, { computedAt: string; latest: LatestPoints | null }>>();

/** Every tag's head, by `image\0tag`. */
export async function directoryHeads(store: HistoryStore): Promise<Map<string, DirectoryHead>> {
  const states = await store.db
    .selectFrom('series_state')
    .select(['image', 'tag', 'db_key', 'dirty_from', 'computed_at'])
    .execute();
  const memo = states.length <= KEPT_HEADS ? (kept.get(store) ?? new Map()) : new Map();
  const stale = states.filter((s) => memo.get(`${s.image}\0${s.tag}`)?.computedAt !== s.computed_at);
  const parse = (text: string | null) => (text ? (JSON.parse(text) as LatestPoints) : null);
  if (stale.length > states.length / 2) {
    // most changed (or the first page): one read of all of them
    const rows = await store.db
      .selectFrom('series_state')
      .select(['image', 'tag', 'computed_at', 'latest'])
      .execute();
    for (const r of rows)
      memo.set(`${r.image}\0${r.tag}`, { computedAt: r.computed_at, latest: parse(r.latest) });
  } else
    for (const images of chunked([...new Set(stale.map((s) => s.image))])) {
      const rows = await store.db
        .selectFrom('series_state')
        .select(['image', 'tag', 'computed_at', 'latest'])
        .where('image', 'in', images)
        .execute();
      for (const r of rows)
        memo.set(`${r.image}\0${r.tag}`, { computedAt: r.computed_at, latest: parse(r.latest) });
    }
  const heads = new Map<string, DirectoryHead>();
  const present = new Set<string>();
  for (const s of states) {
    const key = `${s.image}\0${s.tag}`;
    present.add(key);
    heads.set(key, { dbKey: s.db_key, dirtyFrom: s.dirty_from, latest: memo.get(key)?.latest ?? null });
  }
  // a state removed (its tag deleted) is not kept
  for (const key of memo.keys()) if (!present.has(key)) memo.delete(key);
  if (states.length <= KEPT_HEADS) kept.set(store, memo);
  return heads;
}
