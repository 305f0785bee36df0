/**
 * The Vulnerabilities tab: the findings of any day of the tag's series (observed, or replayed as
 * of that day) with KEV, EPSS and first seen; filtered, searched and sorted in the page. The day,
 * the filters and the sort live in the URL (`?tab=vulnerabilities&day=…&severity=high&sort=epss`),
 * so a copied URL opens the same list.
 */
import { useMemo } from 'react';
import type { TagSummary } from '../../api';
import { Provenance, Status } from '../../components';
import { SEVERITY_COLORS } from '../../format';
import { Link, navigateWith } from '../../router';
import { useApi } from '../../use-api';
import { cveHref } from '../cve-links';
import type { Vuln, Vulns } from './types';

const RANK = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];
type SortKey =
  'id' | 'severity' | 'package' | 'installed' | 'fixedIn' | 'fixState' | 'kev' | 'epss' | 'firstSeen';
const SORTS: Record<SortKey, (v: Vuln) => string | number> = {
  id: (v) => v.id,
  severity: (v) => RANK.indexOf(v.severity),
  package: (v) => v.package.name,
  installed: (v) => v.package.version,
  fixedIn: (v) => v.fixedVersion ?? '\uffff',
  fixState: (v) => v.fixState,
  kev: (v) => (v.kev ? 0 : 1),
  epss: (v) => -(v.epss ?? -1),
  firstSeen: (v) => v.firstSeen ?? '\uffff',
};

/** Changes the tab's state in the URL (null: back to its default), keeping the page's other choices. */
type SetQuery = (changes: Record<string, string | null>) => void;

export function Vulnerabilities({ base, me, url }: { base: string; me: TagSummary; url: URL }) {
  const q = url.searchParams;
  const set: SetQuery = (changes) => navigateWith(url.pathname, q, changes, true);
  const day = q.get('day') ?? me.latest?.day ?? '';
  const setDay = (d: string) => set({ day: d === me.latest?.day ? null : d });
  const vulns = useApi<Vulns>(`${base}/vulnerabilities${day && day !== me.latest?.day ? `?day=${day}` : ''}`);
  return (
    <>
      <div className="panel controls">
        <label>
          Day of the series
          <input
            type="date"
            value={day}
            max={me.latest?.day}
            onChange={(e) => e.target.value && setDay(e.target.value)}
            data-testid="vulns-day"
          />
        </label>
        {vulns.state === 'ready' && (
          <p className="kind">
            {vulns.data.kind === 'observed'
              ? `What the scan of ${vulns.data.day} said.`
              : `${vulns.data.day} replayed: the digest ${vulns.data.digest.slice(7, 19)}… matched against the advisories as known that day.`}
          </p>
        )}
      </div>
      <Status loaded={vulns}>{(v) => <VulnTable v={v} q={q} set={set} />}</Status>
    </>
  );
}

function VulnTable({ v, q, set }: { v: Vulns; q: URLSearchParams; set: SetQuery }) {
  const search = q.get('q') ?? '';
  const severity = q.get('severity') ?? '';
  const fixState = q.get('fixState') ?? '';
  const kevOnly = q.get('kev') === 'true';
  const asked = q.get('sort') ?? '';
  const sort = {
    key: Object.hasOwn(SORTS, asked) ? (asked as SortKey) : 'severity',
    desc: q.get('order') === 'desc',
  };
  const setSort = (s: { key: SortKey; desc: boolean }) =>
    set({ sort: s.key === 'severity' ? null : s.key, order: s.desc ? 'desc' : null });
  const rows = useMemo(() => {
    const s = search.trim().toLowerCase();
    const get = SORTS[sort.key];
    return v.vulnerabilities
      .filter(
        (r) =>
          (!s || `${r.id} ${r.package.name} ${r.package.version}`.toLowerCase().includes(s)) &&
          (!severity || r.severity === severity) &&
          (!fixState || r.fixState === fixState) &&
          (!kevOnly || r.kev),
      )
      .sort((a, b) => {
        const x = get(a);
        const y = get(b);
        const c = typeof x === 'number' ? x - (y as number) : x.localeCompare(y as string);
        return (sort.desc ? -c : c) || a.id.localeCompare(b.id);
      });
  }, [v, search, severity, fixState, kevOnly, sort.key, sort.desc]);
  const states = [...new Set(v.vulnerabilities.map((r) => r.fixState))].sort();
  const head = (k: SortKey, label: string, num = false) => (
    <th
      scope="col"
      className={num ? 'num' : undefined}
      aria-sort={sort.key === k ? (sort.desc ? 'descending' : 'ascending') : 'none'}
    >
      <button
        type="button"
        onClick={() => setSort({ key: k, desc: sort.key === k ? !sort.desc : false })}
        data-sort={k}
      >
        {label}
        <span aria-hidden="true">{sort.key === k ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </th>
  );
  return (
    <section className="panel">
      <div className="controls">
        <label>
          Search
          <input
            type="search"
            placeholder="id, package, version"
            value={search}
            onChange={(e) => set({ q: e.target.value || null })}
            data-testid="vulns-search"
          />
        </label>
        <label>
          Severity
          <select
            value={severity}
            onChange={(e) => set({ severity: e.target.value || null })}
            data-testid="vulns-severity"
          >
            <option value="">all</option>
            {RANK.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Fix state
          <select
            value={fixState}
            onChange={(e) => set({ fixState: e.target.value || null })}
            data-testid="vulns-fixstate"
          >
            <option value="">all</option>
            {states.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={kevOnly}
            onChange={(e) => set({ kev: e.target.checked ? 'true' : null })}
            data-testid="vulns-kev"
          />
          in CISA KEV
        </label>
        <span className="kind" role="status" aria-live="polite" data-testid="vulns-count">
          {rows.length} of {v.vulnerabilities.length} findings · {v.total} counted
        </span>
      </div>
      {v.vulnerabilities.length === 0 ? (
        <p className="status">No vulnerability counted on {v.day}.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Findings (scrolls sideways)">
          <table data-testid="vulns" className="vulns">
            <thead>
              <tr>
                {head('id', 'id')}
                {head('severity', 'severity')}
                {head('package', 'package')}
                {head('installed', 'installed')}
                {head('fixedIn', 'fixed in')}
                {head('fixState', 'fix state')}
                {head('kev', 'KEV')}
                {head('epss', 'EPSS', true)}
                {head('firstSeen', 'first seen')}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={`${r.id}-${r.package.name}-${r.package.version}-${i}`} data-id={r.id}>
                  <td>
                    <Link to={cveHref(r.id)}>{r.id}</Link>
                  </td>
                  <td>
                    <span className={`sev ${r.severity}`} style={{ background: SEVERITY_COLORS[r.severity] }}>
                      {r.severity}
                    </span>
                  </td>
                  <td>{r.package.name}</td>
                  <td className="mono">{r.package.version}</td>
                  <td className="mono">{r.fixedVersion ?? '—'}</td>
                  <td>{r.fixState}</td>
                  <td>{r.kev == null ? '—' : r.kev ? <strong className="kev">KEV</strong> : 'no'}</td>
                  <td className="num">{r.epss == null ? '—' : `${(r.epss * 100).toFixed(1)} %`}</td>
                  <td>{r.firstSeen ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="provenance">
        First seen: the first day the tag’s daily series counted it. EPSS and KEV as the DB knew them that day
        (— where the DB has no such feed).
      </p>
      <Provenance db={v.db} />
    </section>
  );
}
