/**
 * The Directory's table: a window of the rows (use-window.ts), the pages under it fetched as the
 * window reaches them, and column headers that sort on the server. The table says how many rows it
 * has (aria-rowcount) and where each rendered one is (aria-rowindex), so a screen reader counts
 * all of them, not the window.
 */
import { useEffect, useRef, useState } from 'react';
import { SEVERITIES } from '../api';
import { prefetch } from '../use-api';
import { DirectoryRow } from './directory-row';
import { PAGE, pagePath, type Sort, type TagPage, type TagRow } from './directory-state';
import { useWindow } from './use-window';

const COLUMNS: { label: string; sort?: Sort; num?: boolean }[] = [
  { label: 'Image', sort: 'name' },
  ...SEVERITIES.map((s) => ({ label: s, sort: s, num: true })),
  { label: 'total', sort: 'total', num: true },
  { label: 'fixable', sort: 'fixable', num: true },
  { label: 'last 30 days of data' },
  { label: 'size', sort: 'size', num: true },
  { label: 'packages', sort: 'packages', num: true },
  { label: 'last point', sort: 'updated' },
];

export function DirectoryTable({
  query,
  first,
  sort,
  order,
  onSort,
}: {
  /** the API path of the rows, without offset and limit (directory-state.ts) */
  query: string;
  /** its first page */
  first: TagPage;
  sort: Sort;
  order: 'asc' | 'desc';
  onSort(sort: Sort): void;
}) {
  const total = first.total;
  const body = useRef<HTMLTableSectionElement>(null);
  const { start, end, rowHeight } = useWindow(body, total);
  // the pages read so far, of this query only (the component is keyed by it)
  const [pages, setPages] = useState<Map<number, TagRow[]>>(() => new Map([[0, first.rows]]));
  useEffect(() => {
    for (let p = Math.floor(start / PAGE); p <= Math.floor((end - 1) / PAGE); p++)
      if (!pages.has(p))
        void prefetch(pagePath(query, p)).then((data) => {
          const rows = (data as TagPage | undefined)?.rows;
          if (rows) setPages((m) => (m.has(p) ? m : new Map(m).set(p, rows)));
        });
  }, [query, start, end, pages]);
  const shown = [];
  for (let i = start; i < end; i++) {
    const row = pages.get(Math.floor(i / PAGE))?.[i % PAGE];
    shown.push(
      row ? (
        <DirectoryRow key={`${row.image}:${row.tag}`} row={row} index={i + 2} />
      ) : (
        <tr key={`pending-${i}`} className="pending" aria-rowindex={i + 2} style={{ height: rowHeight }}>
          <td colSpan={COLUMNS.length}>
            <span className="kind">Loading…</span>
          </td>
        </tr>
      ),
    );
  }
  return (
    <div className="panel table-wrap flush">
      <table data-testid="directory" className="directory" aria-rowcount={total + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((c) => {
              const current = c.sort === sort;
              return (
                <th
                  scope="col"
                  key={c.label}
                  className={c.num ? 'num' : undefined}
                  aria-sort={current ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {c.sort ? (
                    <button type="button" className="sort" onClick={() => onSort(c.sort!)} data-sort={c.sort}>
                      {c.label}
                      <span aria-hidden="true" className="sort-mark">
                        {current ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody ref={body}>
          {start > 0 && <Spacer height={start * rowHeight} />}
          {shown}
          {end < total && <Spacer height={(total - end) * rowHeight} />}
        </tbody>
      </table>
    </div>
  );
}

// the rows outside the window, as one empty row of their height
function Spacer({ height }: { height: number }) {
  return (
    <tr className="spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={COLUMNS.length} />
    </tr>
  );
}
