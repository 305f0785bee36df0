/**
 * The Directory: every tracked tag with the last point of its daily series (the same series Compare
 * and History draw: observed where a scan ran that day, else replayed as of that day), 30 days of
 * that series, size, packages. Searched, filtered, sorted and paged by the server (`GET /api/tags`),
 * the choices kept in the URL; the rows windowed, so a store of 1,200 tags scrolls as one of 12.
 */
import { useRef } from 'react';
import './directory.css';
import { Status } from '../components';
import { Link, navigateWith } from '../router';
import { prefetch, useApi } from '../use-api';
import { DirectoryControls } from './directory-controls';
import { DirectoryTable } from './directory-table';
import {
  firstOrder,
  pagePath,
  stateOf,
  tagsQuery,
  type DirectoryState,
  type Sort,
  type TagPage,
} from './directory-state';

// the first page of rows, with the dropdowns' facets
const firstPath = (query: string) => `${pagePath(query, 0)}&facets=true`;

export default function Directory({ url }: { url: URL }) {
  const params = url.searchParams;
  const state = stateOf(params);
  const query = tagsQuery(state);
  const loaded = useApi<TagPage>(firstPath(query));
  // the next answer asked before the page renders the new URL: a filter's rows come a render sooner
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes))
      if (v === null) next.delete(k);
      else next.set(k, v);
    void prefetch(firstPath(tagsQuery(stateOf(next))));
    navigateWith('/', params, changes, true);
  };
  // the last answer stays on screen while the next one loads: typing never blanks the table
  const kept = useRef<{ query: string; state: DirectoryState; data: TagPage } | null>(null);
  if (loaded.state === 'ready') kept.current = { query, state, data: loaded.data };
  const shown = kept.current;
  // a column sorts in its first order; clicked again, in the other
  const sortBy = (sort: Sort) => {
    const order = sort === state.sort ? (state.order === 'asc' ? 'desc' : 'asc') : firstOrder(sort);
    set({ sort: sort === 'name' ? null : sort, order: order === firstOrder(sort) ? null : order });
  };
  return (
    <>
      <h1>Image directory</h1>
      <p className="sub">
        Every tracked image with the last point of its daily series: the image the tag pointed to that day
        against the advisories as known that day, whether a scan observed the day or not. The same numbers
        Compare and History draw. ≥ marks a lower bound: records without a trusted date may have applied then.
      </p>
      <p className="toolbar">
        <Link to="/add" className="button">
          Add an image
        </Link>
      </p>
      {shown ? (
        <>
          <DirectoryControls state={state} page={shown.data} set={set} />
          {loaded.state === 'error' && (
            <p className="status error" role="alert">
              Could not load: {loaded.error}
            </p>
          )}
          <div aria-busy={loaded.state === 'loading'} className="directory-body" data-query={shown.query}>
            {shown.data.facets?.tags === 0 ? (
              <p className="status">Nothing here yet: track an image with `cleanroom track`.</p>
            ) : shown.data.total === 0 ? (
              <p className="status">No tracked tag matches these filters.</p>
            ) : (
              <DirectoryTable
                key={shown.query}
                query={shown.query}
                first={shown.data}
                sort={shown.state.sort}
                order={shown.state.order}
                onSort={sortBy}
              />
            )}
          </div>
        </>
      ) : (
        <Status loaded={loaded}>{() => null}</Status>
      )}
    </>
  );
}
