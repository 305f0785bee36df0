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
import { countFacets, distroLabel, distroMatches, type DirectoryFacets } from './directory-facets.js';
import { registryOf, type TagRef } from './image-ref.js';
import { dbKeyOf } from './materialise/db-key.js';
import { STORED_RECENT } from './materialise/latest.js';
import type { LatestPoints } from './materialise/store.js';
import { directoryHeads } from './directory-heads.js';

export const DIRECTORY_SORTS = [
  'name',
  'total',
  'critical',
  'high',
  'medium',
  'low',
  'unknown',
  'fixable',
  'updated',
  'packages',
  'size',
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
      return p.bySeverity.high;
    case 'medium':
      return p.bySeverity.medium;
    case 'low':
      return p.bySeverity.low;
    case 'unknown':
      return p.bySeverity.unknown;
    case 'fixable':
      return sum(p.fixable);
    case 'updated':
      return Date.parse(`${p.day}T00:00:00Z`);
    case 'packages':
      return p.packages ?? -1;
    case 'size':
      return row.sizeBytes ?? -1;
  }
}

async function latestByTag(store: HistoryStore): Promise<Map<string, LatestPoints>> {
  const heads = await directoryHeads(store);
  return new Map([...heads].flatMap(([key, h]) => (h.latest ? [[key, h.latest] as const] : [])));
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
  /** also count the registries and distributions for the console's dropdowns */
  facets?: boolean;
}

export type TagRow = TagRef & { registry: string } & DirectoryRow;

/**
 * One page of tags, filtered, sorted and paged on the server from the stored rows (one read of the
 * series states, whatever the store's size); each row of the page is the stored one where it holds,
 * else computed (`directoryRow`). A tag not materialised yet sorts last and matches no filter on
 * what it carries (distribution, fixable) until it is. Asked, the facets of the same rows.
 */
export async function directoryTagPage(
  store: HistoryStore,
  reader: AdvisoryDbReader | undefined,
  query: TagPageQuery,
): Promise<{ total: number; rows: TagRow[]; facets?: DirectoryFacets }> {
  const tags = await tagsWithLastDay(store);
  const heads = await directoryHeads(store);
  const dbKey = reader ? dbKeyOf(await reader.meta()) : undefined;
  const q = query.q?.trim().toLowerCase();
  const distro = query.distro?.trim().toLowerCase();
  const all = tags.map((t) => {
    const key = `${t.image}\0${t.tag}`;
    const head = heads.get(key);
    const stored = head?.latest?.[query.lens];
    const fresh =
      stored !== undefined &&
      head!.dbKey === dbKey &&
      !head!.dirtyFrom &&
      stored.latest.day === t.day &&
      query.recent <= STORED_RECENT;
    const registry = registryOf(t.image);
    return {
      ref: { image: t.image, tag: t.tag },
      registry,
      stored,
      fresh,
      others:
        (!q || `${t.image}:${t.tag}`.toLowerCase().includes(q)) &&
        (!query.fixableCritical || (stored?.latest.fixable.critical ?? 0) > 0),
      registryOk: !query.registry || registry === query.registry,
      distroOk: !distro || (stored !== undefined && distroMatches(stored.latest.distro, distro)),
    };
  });
  const candidates = all.filter((c) => c.others && c.registryOk && c.distroOk);
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
  if (!query.facets) return { total: candidates.length, rows };
  const facets = countFacets(
    all.map((c) => ({ ...c, distro: c.stored ? distroLabel(c.stored.latest.distro) : undefined })),
  );
  return { total: candidates.length, rows, facets };
}

// every tag with its last observed day: one indexed look-up per tag (the primary key starts with
// image, tag, day), not a grouped scan of every observation
async function tagsWithLastDay(
  store: HistoryStore,
): Promise<{ image: string; tag: string; day: string | null }[]> {
  return store.db
    .selectFrom('tag as t')
    .select((eb) => [
      't.image',
      't.tag',
      eb
        .selectFrom('observation as o')
        .select((o) => o.fn.max('o.day').as('d'))
        .whereRef('o.image', '=', 't.image')
        .whereRef('o.tag', '=', 't.tag')
        .as('day'),
    ])
    .orderBy('t.image')
    .orderBy('t.tag')
    .execute() as Promise<{ image: string; tag: string; day: string | null }[]>;
}
