/**
 * Resolved's list: every (vulnerability, package) resolution of the range with its cause, day,
 * days open, and the hours and money the API computed for it (the one ROI function), filtered by
 * a day picked on the chart or a cause, both kept in the URL.
 */
import { useState } from 'react';
import { Link } from '../router';
import { fmtInt, fmtNum, SEVERITY_COLORS } from '../format';
import { cveHref } from './cve-links';
import type { ResolvedResult } from './resolved';

// the first rows; the rest one click away (a year of a busy tag holds hundreds)
const FIRST = 25;
const HOW: Record<string, string> = { update: 'rebuild', advisory: 'advisory', vex: 'VEX' };

/** A sum of money in its currency, without cents when there are none. */
export function fmtMoney(n: number, currency: string): string {
  try {
    return n.toLocaleString('en', { style: 'currency', currency, maximumFractionDigits: n % 1 ? 2 : 0 });
  } catch {
    return `${fmtNum(n, 2)} ${currency}`;
  }
}

export function ResolutionList({
  data,
  day,
  how,
  filter,
}: {
  data: ResolvedResult;
  day: string;
  how: string;
  filter: (k: 'day' | 'how', v: string) => void;
}) {
  const img = data.images[0]!;
  const [all, setAll] = useState(false);
  const rows = img.resolutions.filter((r) => (!day || r.day === day) && (!how || r.how === how));
  const shown = all ? rows : rows.slice(0, FIRST);
  const counted = rows.filter((r) => r.counted);
  const hours = counted.reduce((n, r) => n + r.hours, 0);
  const money = counted.reduce((n, r) => n + r.money, 0);
  const { currency } = data.assumptions;
  return (
    <section className="panel" aria-labelledby="resolutions-title">
      <h2 id="resolutions-title">Each resolution</h2>
      <div className="controls">
        <label>
          Day
          <input
            type="date"
            value={day}
            min={data.from}
            max={data.to}
            onChange={(e) => filter('day', e.target.value)}
            data-testid="resolutions-day"
          />
        </label>
        <label>
          Cause
          <select value={how} onChange={(e) => filter('how', e.target.value)} data-testid="resolutions-how">
            <option value="">all</option>
            {Object.entries(HOW).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {(day || how) && (
          <button type="button" onClick={() => (day ? filter('day', '') : filter('how', ''))}>
            Show all
          </button>
        )}
        <span className="kind" role="status" aria-live="polite" data-testid="resolutions-count">
          {rows.length} resolutions, {counted.length} counted · {fmtNum(hours)} h ·{' '}
          {fmtMoney(money, currency)}
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="status">No resolution {day ? `on ${day}` : 'in this range'}.</p>
      ) : (
        <table className="stack" data-testid="resolutions">
          <thead>
            <tr>
              <th scope="col">day</th>
              <th scope="col">vulnerability</th>
              <th scope="col">package</th>
              <th scope="col">cause</th>
              <th scope="col" className="num">
                days open
              </th>
              <th scope="col" className="num">
                hours
              </th>
              <th scope="col" className="num">
                money
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={i} data-id={r.vulnerability} data-counted={r.counted}>
                <td data-label="day" className="inline">
                  {r.day}
                </td>
                <th scope="row" data-label="vulnerability">
                  <Link to={cveHref(r.vulnerability, data.lens)}>{r.vulnerability}</Link>{' '}
                  <span className={`sev ${r.severity}`} style={{ background: SEVERITY_COLORS[r.severity] }}>
                    {r.severity}
                  </span>
                </th>
                <td data-label="package">{r.package}</td>
                <td data-label="cause" className="wrap">
                  {HOW[r.how] ?? r.how}{' '}
                  <span className="muted">
                    {r.how === 'update' ? r.detail.replace(/^rebuilt /, '') : r.detail}
                  </span>
                </td>
                <td data-label="days open" className="num inline">
                  {r.timeToFixDays === undefined ? '—' : fmtNum(r.timeToFixDays)}
                </td>
                <td data-label="hours" className="num inline">
                  {r.counted ? fmtNum(r.hours) : <span className="muted">counted once</span>}
                </td>
                <td data-label="money" className="num inline">
                  {r.counted ? fmtMoney(r.money, currency) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown.length < rows.length && (
        <button type="button" onClick={() => setAll(true)} data-testid="resolutions-all">
          Show all {rows.length}
        </button>
      )}
      <p className="provenance">
        Hours = {data.assumptions.hoursPerCve} per counted vulnerability
        {Object.keys(data.assumptions.hoursBySeverity).length ? ' (per severity where set)' : ''}, money =
        hours × {data.assumptions.hourlyRate} {currency}: the server&apos;s ROI computation, the
        report&apos;s. A vulnerability resolved in several packages counts once ({fmtInt(img.roi.cves)}{' '}
        counted in the range).
      </p>
    </section>
  );
}
