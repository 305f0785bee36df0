/**
 * The Directory: every tracked tag with the last point of its daily series (the same series Compare
 * and History draw: observed where a scan ran that day, else replayed as of that day), 30 days of
 * that series, size, packages; searched and filtered by registry, distribution and fixable critical.
 */
import { useMemo, useState } from 'react';
import { refsOf, SEVERITIES, type ImageList, type TagSummary } from '../api';
import { Status } from '../components';
import { fmtBytes, fmtInt, SEVERITY_COLORS } from '../format';
import { Link } from '../router';
import { useApi } from '../use-api';
import { Sparkline } from './sparkline';

interface Row extends TagSummary {
  ref: string;
  image: string;
  registry: string;
}

export const distroLabel = (d: TagSummary['distro']) =>
  d ? (d.prettyName ?? `${d.id}${d.versionId ? ` ${d.versionId}` : ''}`) : 'unknown';

export default function Directory(_props: { url: URL }) {
  const list = useApi<ImageList>('/api/images?limit=500&recent=30');
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
      <Status loaded={list} empty={(d) => d.images.length === 0}>
        {(d) => (
          <Filtered
            rows={refsOf(d).map((r) => ({ ...r, image: r.image.name, registry: r.image.registry }))}
          />
        )}
      </Status>
    </>
  );
}

function Filtered({ rows }: { rows: Row[] }) {
  const [query, setQuery] = useState('');
  const [registry, setRegistry] = useState('');
  const [distro, setDistro] = useState('');
  const [fixableCritical, setFixableCritical] = useState(false);
  const registries = [...new Set(rows.map((r) => r.registry))].sort();
  const distros = [...new Set(rows.map((r) => distroLabel(r.distro)))].sort();
  const shown = useMemo(
    () =>
      rows.filter(
        (r) =>
          r.ref.toLowerCase().includes(query.trim().toLowerCase()) &&
          (!registry || r.registry === registry) &&
          (!distro || distroLabel(r.distro) === distro) &&
          (!fixableCritical || (r.latest?.fixable.critical ?? 0) > 0),
      ),
    [rows, query, registry, distro, fixableCritical],
  );
  return (
    <>
      <div className="panel controls" role="search" aria-label="Filter images">
        <label>
          Search
          <input
            type="search"
            placeholder="python, debian, alpine…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="dir-search"
          />
        </label>
        <label>
          Registry
          <select value={registry} onChange={(e) => setRegistry(e.target.value)} data-testid="dir-registry">
            <option value="">all registries</option>
            {registries.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Distribution
          <select value={distro} onChange={(e) => setDistro(e.target.value)} data-testid="dir-distro">
            <option value="">all distributions</option>
            {distros.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={fixableCritical}
            onChange={(e) => setFixableCritical(e.target.checked)}
            data-testid="dir-fixable"
          />
          has a fixable critical
        </label>
        <span className="kind" role="status" aria-live="polite">
          {shown.length} of {rows.length} tags
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="status">No tracked tag matches these filters.</p>
      ) : (
        <Table rows={shown} />
      )}
    </>
  );
}

function Table({ rows }: { rows: Row[] }) {
  return (
    <div className="panel table-wrap flush">
      <table data-testid="directory" className="directory">
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
            <th scope="col" className="num">
              fixable
            </th>
            <th scope="col">last 30 days of data</th>
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
          {rows.map((r) => (
            <DirectoryRow key={r.ref} row={r} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DirectoryRow({ row }: { row: Row }) {
  const latest = row.latest;
  const fixable = latest ? SEVERITIES.reduce((n, s) => n + latest.fixable[s], 0) : null;
  return (
    <tr data-ref={row.ref}>
      <th scope="row" className="image-cell">
        <Link to={`/image/${encodeURIComponent(row.image)}/${encodeURIComponent(row.tag)}`}>{row.ref}</Link>
        <div className="kind">
          {row.registry} · {distroLabel(row.distro)}
        </div>
      </th>
      {SEVERITIES.map((s) => (
        <td className="num sev-cell" key={s} data-severity={s} data-label={s}>
          {latest ? (
            <span
              className={`sev ${s}${latest.bySeverity[s] === 0 ? ' zero' : ''}`}
              style={latest.bySeverity[s] === 0 ? undefined : { background: SEVERITY_COLORS[s] }}
            >
              {latest.bySeverity[s]}
            </span>
          ) : (
            '—'
          )}
        </td>
      ))}
      <td
        className="num"
        data-label="total"
        data-total
        title={
          latest?.coverage?.lowerBound
            ? 'A lower bound: advisory records without a trusted date were first seen after this day and may have applied'
            : undefined
        }
      >
        {latest?.coverage?.lowerBound ? '≥' : ''}
        {fmtInt(latest?.total)}
      </td>
      <td
        className="num"
        data-label="fixable"
        data-fixable-critical={latest?.fixable.critical ?? 0}
        title={latest ? `${latest.fixable.critical} critical with a fix` : undefined}
      >
        {fmtInt(fixable)}
      </td>
      <td data-label="last 30 days">
        <Sparkline points={row.recent ?? []} label={`${row.ref}, CVEs over its last 30 days of data`} />
      </td>
      <td className="num" data-label="size">
        {fmtBytes(row.sizeBytes)}
      </td>
      <td className="num" data-label="packages">
        {fmtInt(row.packages)}
      </td>
      <td data-label="last point" data-day={latest?.day}>
        {latest?.day ?? '—'} {latest && <span className="kind">({latest.kind})</span>}
      </td>
    </tr>
  );
}
