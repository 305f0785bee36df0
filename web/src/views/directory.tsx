/** The Directory: every tracked tag, its latest counts by severity, 30 days of history, size, packages. */
import { useMemo, useState } from 'react';
import { SEVERITIES, tagPath, type CompareResult, type ImageList, type Latest } from '../api';
import { Status } from '../components';
import { fmtBytes, fmtInt, SEVERITY_COLORS } from '../format';
import { Link } from '../router';
import { useApi } from '../use-api';
import { Sparkline } from './sparkline';

interface Row {
  image: string;
  tag: string;
  latest: Latest | null;
}

export default function Directory(_props: { url: URL }) {
  const list = useApi<ImageList>('/api/images?limit=500');
  const [query, setQuery] = useState('');
  return (
    <>
      <h1>Image directory</h1>
      <p className="sub">Every tracked image, with its latest counts under the default counting rules.</p>
      <label className="controls">
        <span className="visually">Search images</span>
        <input
          type="search"
          placeholder="python, debian, alpine…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="Search images"
        />
      </label>
      <Status loaded={list} empty={(d) => d.images.length === 0}>
        {(d) => (
          <Rows rows={d.images.flatMap((i) => i.tags.map((t) => ({ image: i.name, ...t })))} query={query} />
        )}
      </Status>
    </>
  );
}

function Rows({ rows, query }: { rows: Row[]; query: string }) {
  const shown = useMemo(
    () => rows.filter((r) => `${r.image}:${r.tag}`.toLowerCase().includes(query.trim().toLowerCase())),
    [rows, query],
  );
  if (shown.length === 0) return <p className="status">No image matches “{query}”.</p>;
  return (
    <div className="panel table-wrap">
      <table data-testid="directory">
        <thead>
          <tr>
            <th scope="col">Image</th>
            {SEVERITIES.map((s) => (
              <th scope="col" className="num" key={s}>
                {s}
              </th>
            ))}
            <th scope="col" className="num">
              total
            </th>
            <th scope="col">last 30 days</th>
            <th scope="col" className="num">
              size
            </th>
            <th scope="col" className="num">
              packages
            </th>
            <th scope="col">last point</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <DirectoryRow key={`${r.image}:${r.tag}`} row={r} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function minus29(day: string) {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
}

function DirectoryRow({ row }: { row: Row }) {
  const ref = `${row.image}:${row.tag}`;
  const day = row.latest?.day;
  // a tag compared with itself: its 30 days of points and its size in one answer
  const recent = useApi<CompareResult>(
    day
      ? `/api/compare?images=${encodeURIComponent(`${ref},${ref}`)}&from=${minus29(day)}&to=${day}&replay=true`
      : null,
  );
  const pkgs = useApi<{ packages: unknown[] }>(`${tagPath(row.image, row.tag)}/packages`);
  const me = recent.state === 'ready' ? recent.data.images[0] : undefined;
  const last = me?.points.at(-1);
  return (
    <tr data-ref={ref}>
      <th scope="row">
        <Link to={`/image/${encodeURIComponent(row.image)}/${encodeURIComponent(row.tag)}`}>{ref}</Link>
      </th>
      {SEVERITIES.map((s) => (
        <td className="num" key={s} data-severity={s}>
          {row.latest ? (
            <span className={`sev ${s}`} style={{ background: SEVERITY_COLORS[s] }}>
              {row.latest.bySeverity[s]}
            </span>
          ) : (
            '—'
          )}
        </td>
      ))}
      <td className="num" data-total>
        {fmtInt(row.latest?.total)}
      </td>
      <td>{me ? <Sparkline points={me.points} label={`${ref}, CVEs over the last 30 days`} /> : '…'}</td>
      <td className="num">{fmtBytes(me?.sizeBytes)}</td>
      <td className="num">{pkgs.state === 'ready' ? pkgs.data.packages.length : '—'}</td>
      <td>
        {day ?? '—'} {last && <span className="kind">({last.kind})</span>}
      </td>
    </tr>
  );
}
