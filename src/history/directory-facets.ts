/**
 * The Directory's dropdowns: every registry and every distribution of the store's tags, each with
 * how many tags it would show beside the other filters (a registry's count under the search text,
 * the distribution and fixable filters, not the registry filter itself), so a choice never hides
 * the others. Counted from the same stored rows the page is filtered on, in the same one pass.
 */
import type { DirectoryRow } from './directory-row.js';

/** A value of a dropdown and how many tags it would show. */
export interface Facet {
  value: string;
  count: number;
}

export interface DirectoryFacets {
  /** the tags of the store, whatever the filters */
  tags: number;
  registries: Facet[];
  distros: Facet[];
}

/** At most this many values per dropdown (the most common), so the answer stays bounded. */
export const MAX_FACETS = 200;

/** A distribution as the console names it: its pretty name, else "id version"; `unknown` without one. */
export function distroLabel(d: DirectoryRow['distro']): string {
  return d ? (d.prettyName ?? `${d.id}${d.versionId ? ` ${d.versionId}` : ''}`) : 'unknown';
}

/** Whether a distribution is the one asked for: by its label or its id, in any case (`wolfi`, `debian 12`). */
export function distroMatches(d: DirectoryRow['distro'], wanted: string): boolean {
  if (!d) return wanted === 'unknown';
  return (
    distroLabel(d).toLowerCase() === wanted ||
    d.id.toLowerCase() === wanted ||
    `${d.id} ${d.versionId ?? ''}`.trim().toLowerCase() === wanted
  );
}

/** One tag as the facets see it: its registry, its distribution (undefined: not materialised yet). */
export interface FacetInput {
  registry: string;
  distro: string | undefined;
  /** whether it passes the filters other than registry and distribution */
  others: boolean;
  registryOk: boolean;
  distroOk: boolean;
}

/** Counts each registry and distribution over the tags, each beside the other filters. */
export function countFacets(tags: Iterable<FacetInput>): DirectoryFacets {
  const registries = new Map<string, number>();
  const distros = new Map<string, number>();
  let n = 0;
  for (const t of tags) {
    n++;
    registries.set(t.registry, (registries.get(t.registry) ?? 0) + (t.others && t.distroOk ? 1 : 0));
    if (t.distro !== undefined)
      distros.set(t.distro, (distros.get(t.distro) ?? 0) + (t.others && t.registryOk ? 1 : 0));
  }
  return { tags: n, registries: listOf(registries), distros: listOf(distros) };
}

// the most common first when there are too many, then by name
function listOf(counts: Map<string, number>): Facet[] {
  let facets = [...counts].map(([value, count]) => ({ value, count }));
  if (facets.length > MAX_FACETS)
    facets = facets.sort((a, b) => b.count - a.count || cmp(a.value, b.value)).slice(0, MAX_FACETS);
  return facets.sort((a, b) => cmp(a.value, b.value));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
