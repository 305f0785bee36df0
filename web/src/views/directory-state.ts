/**
 * The Directory's choices as they live in its URL (`/?q=python&registry=cgr.dev&sort=total`), so a
 * copied URL opens the same view, and the `GET /api/tags` path they ask for (docs/api.md).
 */
import type { TagSummary } from '../api';

export const SORTS = [
  'name',
  'critical',
  'high',
  'medium',
  'low',
  'unknown',
  'total',
  'fixable',
  'size',
  'packages',
  'updated',
] as const;
export type Sort = (typeof SORTS)[number];

export interface DirectoryState {
  q: string;
  registry: string;
  distro: string;
  fixable: boolean;
  sort: Sort;
  order: 'asc' | 'desc';
  lens: 'then' | 'now';
}

/** A distribution as the Directory names it (the server's facets and filter use the same words). */
export const distroLabel = (d: TagSummary['distro']) =>
  d ? (d.prettyName ?? `${d.id}${d.versionId ? ` ${d.versionId}` : ''}`) : 'unknown';

/** The order a column sorts in first: names from A, counts and dates from the largest. */
export const firstOrder = (sort: Sort): 'asc' | 'desc' => (sort === 'name' ? 'asc' : 'desc');

/** The state a URL's query holds; anything unknown falls back to the default. */
export function stateOf(q: URLSearchParams): DirectoryState {
  const sort = (SORTS as readonly string[]).includes(q.get('sort') ?? '') ? (q.get('sort') as Sort) : 'name';
  const order = q.get('order');
  return {
    q: q.get('q') ?? '',
    registry: q.get('registry') ?? '',
    distro: q.get('distro') ?? '',
    fixable: q.get('fixable') === 'true',
    sort,
    order: order === 'asc' || order === 'desc' ? order : firstOrder(sort),
    lens: q.get('lens') === 'now' ? 'now' : 'then',
  };
}

/** Rows fetched at a time; the first page comes with the facets. */
export const PAGE = 50;
/** Days of sparkline per row. */
export const RECENT = 30;

/** The API path of the rows the state shows, without offset and limit. */
export function tagsQuery(s: DirectoryState): string {
  const p = new URLSearchParams({ recent: String(RECENT), sort: s.sort, order: s.order });
  if (s.q.trim()) p.set('q', s.q.trim());
  if (s.registry) p.set('registry', s.registry);
  if (s.distro) p.set('distro', s.distro);
  if (s.fixable) p.set('fixableCritical', 'true');
  if (s.lens === 'now') p.set('lens', 'now');
  return `/api/tags?${p.toString()}`;
}

/** The path of one page of rows. */
export const pagePath = (query: string, page: number) => `${query}&offset=${page * PAGE}&limit=${PAGE}`;

/** One row of `GET /api/tags`. */
export interface TagRow extends TagSummary {
  image: string;
  registry: string;
}

export interface Facet {
  value: string;
  count: number;
}

/** A page of `GET /api/tags`; the first one with the dropdowns' facets. */
export interface TagPage {
  total: number;
  rows: TagRow[];
  facets?: { tags: number; registries: Facet[]; distros: Facet[] };
}
