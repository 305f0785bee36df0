/**
 * A page of the Directory: the store's images filtered by a search text, sorted by name or by
 * what their tags carry on their last observed day, paged on the server. The sort reads the
 * materialised series' last points (series_state.latest), so a page of a store of thousands of
 * tags costs one read of that table, not one replay per tag; a tag not yet materialised sorts
 * last. The rows of the page are then made by `directoryRow` (directory-row.ts).
 */
import type { Severity } from '../advisory/types.js';
import type { Lens } from './lens.js';
import type { HistoryStore } from './store/open.js';
import type { ImageEntry } from './store/queries-images.js';
import type { LatestPoints } from './materialise/store.js';

export const DIRECTORY_SORTS = [
  'name',
  'total',
  'critical',
  'high',
  'fixable',
  'updated',
  'packages',
] as const;
export type DirectorySort = (typeof DIRECTORY_SORTS)[number];

export interface DirectoryQuery {
  limit: number;
  offset: number;
  /** a case-insensitive part of the image name or a tag (`python`, `bookworm`) */
  q?: string;
  sort: DirectorySort;
  order: 'asc' | 'desc';
  lens: Lens;
}

/** The images of a page, by the query, and how many match in all. */
export async function directoryPage(
  store: HistoryStore,
  query: DirectoryQuery,
): Promise<{ total: number; images: ImageEntry[] }> {
  const images = await store.db.selectFrom('image').select(['name', 'first_seen']).execute();
  const tags = await store.db.selectFrom('tag').select(['image', 'tag']).orderBy('tag').execute();
  const byImage = new Map<string, string[]>();
  for (const t of tags) byImage.set(t.image, [...(byImage.get(t.image) ?? []), t.tag]);
  const q = query.q?.trim().toLowerCase();
  const matching = images
    .map((i) => ({ name: i.name, firstSeen: i.first_seen, tags: byImage.get(i.name) ?? [] }))
    .filter((i) => !q || i.name.toLowerCase().includes(q) || i.tags.some((t) => t.toLowerCase().includes(q)));
  const byName = (a: ImageEntry, b: ImageEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  let sorted: ImageEntry[];
  if (query.sort === 'name') {
    sorted = matching.sort(byName);
    if (query.order === 'desc') sorted.reverse();
  } else {
    const latest = await latestByTag(store);
    const sort = query.sort;
    const keyOf = (i: ImageEntry): number | undefined => {
      const keys = i.tags
        .map((t) => latest.get(`${i.name}\0${t}`)?.[query.lens])
        .filter((p) => p !== undefined)
        .map((p) => sortKey(p, sort));
      return keys.length ? Math.max(...keys) : undefined;
    };
    const keyed = matching.map((i) => ({ i, key: keyOf(i) }));
    const sign = query.order === 'asc' ? 1 : -1;
    keyed.sort((a, b) => {
      // unknown keys last in either order, then by name
      if (a.key === undefined || b.key === undefined)
        return a.key === b.key ? byName(a.i, b.i) : a.key === undefined ? 1 : -1;
      return a.key !== b.key ? sign * (a.key - b.key) : byName(a.i, b.i);
    });
    sorted = keyed.map((k) => k.i);
  }
  return { total: sorted.length, images: sorted.slice(query.offset, query.offset + query.limit) };
}

type Latest = NonNullable<LatestPoints[Lens]>;

function sortKey(p: Latest, sort: Exclude<DirectorySort, 'name'>): number {
  const sum = (counts: Record<Severity, number>) =>
    counts.critical + counts.high + counts.medium + counts.low;
  switch (sort) {
    case 'total':
      return p.total;
    case 'critical':
      return p.bySeverity.critical;
    case 'high':
      return p.bySeverity.critical * 1e6 + p.bySeverity.high;
    case 'fixable':
      return sum(p.fixable);
    case 'updated':
      return Date.parse(`${p.day}T00:00:00Z`);
    case 'packages':
      return p.packages ?? -1;
  }
}

async function latestByTag(store: HistoryStore): Promise<Map<string, LatestPoints>> {
  const rows = await store.db.selectFrom('series_state').select(['image', 'tag', 'latest']).execute();
  return new Map(
    rows.filter((r) => r.latest).map((r) => [`${r.image}\0${r.tag}`, JSON.parse(r.latest!) as LatestPoints]),
  );
}
