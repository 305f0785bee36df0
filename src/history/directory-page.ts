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
import type { AdvisoryDbReader } from '../advisory/db/types.js';
import { directoryRow, rowOf, type DirectoryRow } from './directory-row.js';
import { registryOf, type TagRef } from './image-ref.js';
import { dbKeyOf } from './materialise/db-key.js';
import { STORED_RECENT } from './materialise/latest.js';
import { readHeads, type LatestPoints } from './materialise/store.js';

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

function sortKey(row: Latest, sort: Exclude<DirectorySort, 'name'>): number {
  const p = row.latest;
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

/** A page of Directory rows, one per tag: the query of `directoryPage`, and the console's filters. */
export interface TagPageQuery extends DirectoryQuery {
  /** days of sparkline per row (0: none) */
  recent: number;
  /** only tags of images on this registry (`docker.io`, `cgr.dev`) */
  registry?: string;
  /** only tags whose last digest is of this distribution (its name, or its id: `wolfi`, `debian 12`) */
  distro?: string;
  /** only tags with a critical vulnerability that has a fix */
  fixableCritical?: boolean;
}

export type TagRow = TagRef & { registry: string } & DirectoryRow;

/**
 * One page of tags, filtered, sorted and paged on the server from the stored rows (one read of the
 * series states, whatever the store's size); each row of the page is the stored one where it holds,
 * else computed (`directoryRow`). A tag not materialised yet sorts last and matches no filter on
 * what it carries (distribution, fixable) until it is.
 */
export async function directoryTagPage(
  store: HistoryStore,
  reader: AdvisoryDbReader | undefined,
  query: TagPageQuery,
): Promise<{ total: number; rows: TagRow[] }> {
  const tags = await store.db
    .selectFrom('tag')
    .select(['image', 'tag'])
    .orderBy('image')
    .orderBy('tag')
    .execute();
  const heads = await readHeads(store);
  const lastDays = new Map(
    (
      await store.db
        .selectFrom('observation')
        .select(['image', 'tag', (eb) => eb.fn.max('day').as('day')])
        .groupBy(['image', 'tag'])
        .execute()
    ).map((r) => [`${r.image}\0${r.tag}`, r.day as string]),
  );
  const dbKey = reader ? dbKeyOf(await reader.meta()) : undefined;
  const q = query.q?.trim().toLowerCase();
  const distro = query.distro?.trim().toLowerCase();
  const candidates = tags
    .map((t) => {
      const key = `${t.image}\0${t.tag}`;
      const head = heads.get(key);
      const stored = head?.latest?.[query.lens];
      const fresh =
        stored !== undefined &&
        head!.dbKey === dbKey &&
        !head!.dirtyFrom &&
        stored.latest.day === lastDays.get(key) &&
        query.recent <= STORED_RECENT;
      return { ref: { image: t.image, tag: t.tag }, registry: registryOf(t.image), stored, fresh };
    })
    .filter(
      (c) =>
        (!q || `${c.ref.image}:${c.ref.tag}`.toLowerCase().includes(q)) &&
        (!query.registry || c.registry === query.registry) &&
        (!distro || (c.stored !== undefined && distroMatches(c.stored.latest.distro, distro))) &&
        (!query.fixableCritical || (c.stored?.latest.fixable.critical ?? 0) > 0),
    );
  const byName = (a: (typeof candidates)[number], b: (typeof candidates)[number]) => {
    const [x, y] = [`${a.ref.image}:${a.ref.tag}`, `${b.ref.image}:${b.ref.tag}`];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const sign = query.order === 'asc' ? 1 : -1;
  const sort = query.sort;
  if (sort === 'name') candidates.sort((a, b) => sign * byName(a, b));
  else
    candidates.sort((a, b) => {
      if (!a.stored || !b.stored) return !a.stored && !b.stored ? byName(a, b) : a.stored ? -1 : 1;
      const d = sortKey(a.stored, sort) - sortKey(b.stored, sort);
      return d !== 0 ? sign * d : byName(a, b);
    });
  const rows: TagRow[] = [];
  for (const c of candidates.slice(query.offset, query.offset + query.limit)) {
    const row =
      c.fresh && c.stored
        ? rowOf(c.stored, query.recent)
        : await directoryRow(store, reader, c.ref, query.recent, query.lens);
    rows.push({ ...c.ref, registry: c.registry, ...row });
  }
  return { total: candidates.length, rows };
}

// a distribution's label (its pretty name, or "id version") or its id, as the console names it
function distroMatches(d: DirectoryRow['distro'], wanted: string): boolean {
  if (!d) return wanted === 'unknown';
  const label = (d.prettyName ?? `${d.id}${d.versionId ? ` ${d.versionId}` : ''}`).toLowerCase();
  return (
    label === wanted || d.id.toLowerCase() === wanted || `${d.id} ${d.versionId ?? ''}`.trim() === wanted
  );
}
