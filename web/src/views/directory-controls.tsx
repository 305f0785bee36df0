/**
 * The Directory's filters: a search box (debounced: see SearchBox), registry and
 * distribution with how many tags each would show (the server's facets), fixable critical, the lens,
 * and on a phone, where the table's headers are hidden, the sort. Each choice goes to the URL.
 */
import { useEffect, useRef, useState } from 'react';
import { fmtInt } from '../format';
import {
  firstOrder,
  SORTS,
  type DirectoryState,
  type Facet,
  type Sort,
  type TagPage,
} from './directory-state';

/** How long the search box waits after a key before it asks the server. */
export const SEARCH_DEBOUNCE_MS = 80;

const SORT_LABELS: Record<Sort, string> = {
  name: 'name',
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  unknown: 'unknown',
  total: 'total',
  fixable: 'fixable',
  size: 'size',
  packages: 'packages',
  updated: 'last point',
};

export function DirectoryControls({
  state,
  page,
  set,
}: {
  state: DirectoryState;
  page: TagPage;
  set(changes: Record<string, string | null>): void;
}) {
  const facets = page.facets;
  return (
    <div className="panel controls" role="search" aria-label="Filter images">
      <SearchBox value={state.q} onSearch={(q) => set({ q: q.trim() ? q : null })} />
      <label>
        Registry
        <select
          value={state.registry}
          onChange={(e) => set({ registry: e.target.value || null })}
          data-testid="dir-registry"
        >
          <option value="">all registries</option>
          {withChosen(facets?.registries ?? [], state.registry).map((f) => (
            <option key={f.value} value={f.value}>
              {f.value} ({f.count})
            </option>
          ))}
        </select>
      </label>
      <label>
        Distribution
        <select
          value={state.distro}
          onChange={(e) => set({ distro: e.target.value || null })}
          data-testid="dir-distro"
        >
          <option value="">all distributions</option>
          {withChosen(facets?.distros ?? [], state.distro).map((f) => (
            <option key={f.value} value={f.value}>
              {f.value} ({f.count})
            </option>
          ))}
        </select>
      </label>
      <label className="phone-only">
        Sort by
        <select
          value={`${state.sort} ${state.order}`}
          onChange={(e) => {
            const [sort, order] = e.target.value.split(' ') as [Sort, 'asc' | 'desc'];
            set({ sort: sort === 'name' ? null : sort, order: order === firstOrder(sort) ? null : order });
          }}
          data-testid="dir-sort"
        >
          {SORTS.flatMap((s) =>
            (['desc', 'asc'] as const).map((o) => (
              <option key={`${s} ${o}`} value={`${s} ${o}`}>
                {SORT_LABELS[s]},{' '}
                {s === 'name'
                  ? o === 'asc'
                    ? 'A to Z'
                    : 'Z to A'
                  : o === 'desc'
                    ? 'most first'
                    : 'least first'}
              </option>
            )),
          )}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={state.fixable}
          onChange={(e) => set({ fixable: e.target.checked ? 'true' : null })}
          data-testid="dir-fixable"
        />
        has a fixable critical
      </label>
      <div className="seg" role="group" aria-label="Lens" data-testid="dir-lens">
        <button
          type="button"
          aria-pressed={state.lens === 'then'}
          title="Each tag's last day against the advisories as known that day"
          onClick={() => set({ lens: null })}
        >
          as known then
        </button>
        <button
          type="button"
          aria-pressed={state.lens === 'now'}
          title="Each tag's last day against today's advisories: the exposure in hindsight"
          onClick={() => set({ lens: 'now' })}
        >
          as known now
        </button>
      </div>
      <span className="kind" role="status" aria-live="polite" data-testid="dir-count">
        {fmtInt(page.total)} of {fmtInt(facets?.tags ?? page.total)} tags
      </span>
    </div>
  );
}

// a value in the URL that the store does not hold (a typo, a tag since removed) still shows as chosen
function withChosen(facets: Facet[], chosen: string): Facet[] {
  return !chosen || facets.some((f) => f.value === chosen)
    ? facets
    : [{ value: chosen, count: 0 }, ...facets];
}

// the first key of a burst asks at once; the keys that follow within 80 ms of it, or of each
// other, ask once, 80 ms after the last (a server asked per key would answer out of order)
function SearchBox({ value, onSearch }: { value: string; onSearch(q: string): void }) {
  const [text, setText] = useState(value);
  const timer = useRef<number | undefined>(undefined);
  const lastKey = useRef(0);
  // the URL changed otherwise (back, a link): the box follows, unless a search is on its way
  useEffect(() => {
    if (timer.current === undefined) setText(value);
  }, [value]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return (
    <label className="grow">
      Search
      <input
        type="search"
        placeholder="python, debian, alpine…"
        value={text}
        onChange={(e) => {
          const q = e.target.value;
          const now = performance.now();
          const quiet = timer.current === undefined && now - lastKey.current > SEARCH_DEBOUNCE_MS;
          lastKey.current = now;
          setText(q);
          window.clearTimeout(timer.current);
          timer.current = undefined;
          if (quiet) onSearch(q);
          else
            timer.current = window.setTimeout(() => {
              timer.current = undefined;
              onSearch(q);
            }, SEARCH_DEBOUNCE_MS);
        }}
        data-testid="dir-search"
      />
    </label>
  );
}
