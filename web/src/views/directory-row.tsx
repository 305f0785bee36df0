/** One tag of the Directory: the last point of its daily series, 30 days of it, size and packages. */
import { memo } from 'react';
import { SEVERITIES } from '../api';
import { fmtBytes, fmtInt, SEVERITY_COLORS } from '../format';
import { Link } from '../router';
import { distroLabel, type TagRow } from './directory-state';
import { Sparkline } from './sparkline';

// memo: a filter being typed re-renders the page, not the rows on screen (their data is unchanged)
export const DirectoryRow = memo(function DirectoryRow({ row, index }: { row: TagRow; index: number }) {
  const ref = `${row.image}:${row.tag}`;
  const latest = row.latest;
  const fixable = latest ? SEVERITIES.reduce((n, s) => n + latest.fixable[s], 0) : null;
  const where = `${row.registry} · ${distroLabel(row.distro)}`;
  return (
    <tr data-ref={ref} aria-rowindex={index}>
      <th scope="row" className="image-cell">
        <Link to={`/image/${encodeURIComponent(row.image)}/${encodeURIComponent(row.tag)}`}>{ref}</Link>
        <div className="kind" title={where}>
          {where}
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
        <Sparkline points={row.recent ?? []} label={`${ref}, CVEs over its last 30 days of data`} />
      </td>
      <td className="num" data-label="size">
        {fmtBytes(row.sizeBytes)}
      </td>
      <td className="num" data-label="packages">
        {fmtInt(row.packages)}
      </td>
      <td data-label="last point" data-day={latest?.day} className="last-point">
        <span>
          {latest?.day ?? '—'} {latest && <span className="kind">({latest.kind})</span>}
        </span>
      </td>
    </tr>
  );
});
