/**
 * An image's page: Overview, Vulnerabilities, Packages, History and Comparison tabs. The tab is in
 * the URL (`?tab=`), so every view of an image can be linked; the tabs follow the ARIA tabs
 * pattern (arrow keys, Home, End move between them).
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  presetFrom,
  refsOf,
  SEVERITIES,
  tagPath,
  type BySeverity,
  type CompareResult,
  type DbInfo,
  type ImageList,
  type Point,
  type TagSummary,
} from '../api';
import { Chart } from '../charts/chart';
import { severityBars } from '../charts/options';
import { Card, DownloadLink, Provenance, Status } from '../components';
import { fmtBytes, fmtInt, fmtNum, SEVERITY_COLORS } from '../format';
import { Link, navigate } from '../router';
import { useApi } from '../use-api';
import { CompareBody, comparePath } from './compare';
import { distroLabel } from './directory';

export interface Vuln {
  id: string;
  severity: string;
  fixState: string;
  package: { name: string; version: string };
  fixedVersion: string | null;
  kev: boolean | null;
  epss: number | null;
  cvss: number | null;
  published: string | null;
  firstSeen: string | null;
}
interface Vulns {
  day: string;
  kind: 'observed' | 'replayed';
  digest: string;
  scanner: { name: string; version: string };
  db: DbInfo;
  total: number;
  bySeverity: BySeverity;
  vulnerabilities: Vuln[];
}
interface Pkgs {
  digest: string;
  distro: { prettyName?: string; id: string } | null;
  packages: { name: string; version: string; type: string; purl?: string }[];
}
interface Tags {
  image: string;
  registry: string;
  tags: (TagSummary & { firstSeen: string; created: string | null })[];
}
const TABS = ['Overview', 'Vulnerabilities', 'Packages', 'History', 'Comparison'] as const;
type Tab = (typeof TABS)[number];

export default function ImagePage({ url }: { url: URL }) {
  const [, , rawImage = '', rawTag = ''] = url.pathname.split('/');
  const image = decodeURIComponent(rawImage);
  const tag = decodeURIComponent(rawTag);
  const base = tagPath(image, tag);
  const asked = url.searchParams.get('tab');
  const tab: Tab = TABS.find((t) => t.toLowerCase() === asked) ?? 'Overview';
  const tags = useApi<Tags>(`/api/images/${encodeURIComponent(image)}/tags`);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const go = (t: Tab, focus = false) => {
    const next = new URLSearchParams(url.searchParams);
    next.set('tab', t.toLowerCase());
    navigate(`${url.pathname}?${next.toString()}`);
    if (focus) refs.current[TABS.indexOf(t)]?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % TABS.length
        : e.key === 'ArrowLeft'
          ? (i + TABS.length - 1) % TABS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    go(TABS[to]!, true);
  };
  return (
    <>
      <p className="crumbs">
        <Link to="/">Directory</Link> / {image}
      </p>
      <h1>
        {image}:{tag}
      </h1>
      <div className="tabs" role="tablist" aria-label="Image views" onKeyDown={onKey}>
        {TABS.map((t, i) => (
          <button
            key={t}
            ref={(el) => {
              refs.current[i] = el;
            }}
            id={`tab-${t}`}
            role="tab"
            type="button"
            aria-selected={tab === t}
            aria-controls={`panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            onClick={() => go(t)}
          >
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        <Status loaded={tags}>
          {(d) => {
            const me = d.tags.find((t) => t.tag === tag);
            if (!me) return <p className="status">{`${image} has no tag ${tag}.`}</p>;
            const ref = `${image}:${tag}`;
            return (
              <>
                {tab === 'Overview' && <Overview base={base} me={me} registry={d.registry} />}
                {tab === 'Vulnerabilities' && <Vulnerabilities base={base} me={me} />}
                {tab === 'Packages' && <Packages base={base} />}
                {tab === 'History' && <History base={base} me={me} refText={ref} />}
                {tab === 'Comparison' && <Comparison refText={ref} me={me} />}
              </>
            );
          }}
        </Status>
      </div>
    </>
  );
}

function Overview({ base, me, registry }: { base: string; me: Tags['tags'][number]; registry: string }) {
  const digests = useApi<{ digests: { since: string; digest: string }[] }>(`${base}/digests`);
  const vulns = useApi<Vulns>(`${base}/vulnerabilities`);
  const latest = me.latest;
  return (
    <>
      <div className="cards">
        <Card
          label="Latest total"
          value={fmtInt(latest?.total)}
          sub={latest ? `${latest.day} (${latest.kind})` : undefined}
          testId="overview-total"
        />
        {SEVERITIES.map((s) => (
          <Card key={s} label={s} value={fmtInt(latest?.bySeverity[s])} testId={`overview-${s}`} />
        ))}
      </div>
      <section className="panel">
        <h2>About this tag</h2>
        <dl className="facts">
          <dt>Digest</dt>
          <dd>
            <code data-testid="overview-digest">{latest?.digest ?? '—'}</code>
          </dd>
          <dt>Registry</dt>
          <dd>{registry}</dd>
          <dt>Distribution</dt>
          <dd>{distroLabel(me.distro)}</dd>
          <dt>Created</dt>
          <dd>{me.created?.slice(0, 10) ?? '— (not in the SBOM)'}</dd>
          <dt>Size</dt>
          <dd>{fmtBytes(me.sizeBytes)}</dd>
          <dt>Packages</dt>
          <dd>{fmtInt(me.packages)}</dd>
          <dt>Tracked since</dt>
          <dd>{me.firstSeen.slice(0, 10)}</dd>
          <dt>Fixable now</dt>
          <dd>
            {latest
              ? `${SEVERITIES.reduce((n, s) => n + latest.fixable[s], 0)} (${latest.fixable.critical} critical, ${latest.fixable.high} high)`
              : '—'}
          </dd>
          <dt>Scanner and DB</dt>
          <dd>
            {vulns.state === 'ready'
              ? `${vulns.data.scanner.name} ${vulns.data.scanner.version}, DB built ${vulns.data.db.builtAt.slice(0, 10)}`
              : '…'}
          </dd>
        </dl>
        {vulns.state === 'ready' && <Provenance db={vulns.data.db} />}
      </section>
      <section className="panel table-wrap">
        <h2>Tag history: the digests it pointed to</h2>
        <Status loaded={digests}>{(d) => <Digests moves={d.digests} />}</Status>
      </section>
    </>
  );
}

function Digests({ moves }: { moves: { since: string; digest: string }[] }) {
  const [all, setAll] = useState(false);
  const newest = [...moves].reverse();
  const shown = all ? newest : newest.slice(0, 8);
  return (
    <>
      <p className="kind">
        {moves.length} digests since {moves[0]?.since.slice(0, 10)}: a rebuild every{' '}
        {moves.length > 1
          ? `${fmtNum((Date.parse(moves.at(-1)!.since) - Date.parse(moves[0]!.since)) / 86_400_000 / (moves.length - 1), 1)} days on average`
          : '—'}
        .
      </p>
      <table data-testid="digests">
        <thead>
          <tr>
            <th scope="col">since</th>
            <th scope="col">digest</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((m) => (
            <tr key={m.since}>
              <td>{m.since.slice(0, 10)}</td>
              <td>
                <code>{m.digest}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {newest.length > shown.length && (
        <button type="button" className="small more" onClick={() => setAll(true)}>
          Show all {newest.length}
        </button>
      )}
    </>
  );
}

/** The page of an advisory: OSV knows CVE, GHSA, CGA, DSA, DLA and ALPINE ids alike. */
export const advisoryUrl = (id: string) => `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;

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

function Vulnerabilities({ base, me }: { base: string; me: TagSummary }) {
  const [day, setDay] = useState(me.latest?.day ?? '');
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
      <Status loaded={vulns}>{(v) => <VulnTable v={v} />}</Status>
    </>
  );
}

function VulnTable({ v }: { v: Vulns }) {
  const [search, setSearch] = useState('');
  const [severity, setSeverity] = useState('');
  const [fixState, setFixState] = useState('');
  const [kevOnly, setKevOnly] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'severity', desc: false });
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
  }, [v, search, severity, fixState, kevOnly, sort]);
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
            onChange={(e) => setSearch(e.target.value)}
            data-testid="vulns-search"
          />
        </label>
        <label>
          Severity
          <select value={severity} onChange={(e) => setSeverity(e.target.value)} data-testid="vulns-severity">
            <option value="">all</option>
            {RANK.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Fix state
          <select value={fixState} onChange={(e) => setFixState(e.target.value)} data-testid="vulns-fixstate">
            <option value="">all</option>
            {states.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={kevOnly} onChange={(e) => setKevOnly(e.target.checked)} />
          in CISA KEV
        </label>
        <span className="kind" role="status" aria-live="polite" data-testid="vulns-count">
          {rows.length} of {v.vulnerabilities.length} findings · {v.total} counted
        </span>
      </div>
      {v.vulnerabilities.length === 0 ? (
        <p className="status">No vulnerability counted on {v.day}.</p>
      ) : (
        <div className="table-wrap">
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
                    <a href={advisoryUrl(r.id)} rel="noreferrer" target="_blank">
                      {r.id}
                    </a>
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

function Packages({ base }: { base: string }) {
  const pkgs = useApi<Pkgs>(`${base}/packages`);
  const [search, setSearch] = useState('');
  return (
    <section className="panel">
      <div className="controls">
        <DownloadLink href={`${base}/sbom/cyclonedx`} data-testid="sbom-cyclonedx">
          Download CycloneDX JSON
        </DownloadLink>
        <DownloadLink href={`${base}/sbom/spdx`} data-testid="sbom-spdx">
          Download SPDX JSON
        </DownloadLink>
        <label>
          Search
          <input
            type="search"
            value={search}
            placeholder="package name"
            onChange={(e) => setSearch(e.target.value)}
            data-testid="pkgs-search"
          />
        </label>
      </div>
      <Status loaded={pkgs}>
        {(p) => {
          const shown = p.packages.filter((k) => k.name.toLowerCase().includes(search.trim().toLowerCase()));
          return (
            <div className="table-wrap">
              <p className="kind">
                {shown.length} of {p.packages.length} packages of {p.digest.slice(0, 19)}…
              </p>
              <table data-testid="packages">
                <thead>
                  <tr>
                    <th scope="col">name</th>
                    <th scope="col">version</th>
                    <th scope="col">type</th>
                    <th scope="col">purl</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((k, i) => (
                    <tr key={`${k.name}-${k.version}-${i}`}>
                      <td>{k.name}</td>
                      <td className="mono">{k.version}</td>
                      <td>{k.type}</td>
                      <td className="mono small">{k.purl ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </Status>
    </section>
  );
}

function History({ base, me, refText }: { base: string; me: TagSummary; refText: string }) {
  const to = me.latest?.day;
  const from = to ? presetFrom(to, '1y') : undefined;
  const h = useApi<{ points: Point[] }>(to ? `${base}/history?from=${from}&to=${to}&replay=true` : null);
  if (!to) return <p className="status">No point yet.</p>;
  return (
    <Status loaded={h} empty={(d) => d.points.length === 0}>
      {(d) => <HistoryChart points={d.points} from={from!} to={to} refText={refText} />}
    </Status>
  );
}

function HistoryChart({
  points,
  from,
  to,
  refText,
}: {
  points: Point[];
  from: string;
  to: string;
  refText: string;
}) {
  const option = useMemo(() => severityBars(points, false), [points]);
  const observed = points.filter((p) => p.kind === 'observed').length;
  return (
    <section className="panel">
      <h2>CVEs by severity, daily</h2>
      <p className="kind">
        {from} → {to}: {observed} days observed by a scan that day, {points.length - observed} replayed.{' '}
        <Link
          to={`/compare?images=${encodeURIComponent(refText)},${encodeURIComponent(refText)}@${from}&from=${from}&to=${to}`}
        >
          Open in Compare
        </Link>
      </p>
      <Chart
        option={option}
        label={`${refText}: CVEs by severity per day`}
        testId="history"
        png={`cleanroom-history-${from}-${to}`}
      />
      <Provenance points={points} />
    </section>
  );
}

function Comparison({ refText, me }: { refText: string; me: TagSummary }) {
  const list = useApi<ImageList>('/api/images?limit=500');
  const to = me.latest?.day;
  const from = to ? presetFrom(to, '1y') : '';
  const [mode, setMode] = useState<'pinned' | 'other'>('pinned');
  const [pinAt, setPinAt] = useState(from);
  const [other, setOther] = useState('');
  const others = list.state === 'ready' ? refsOf(list.data).filter((r) => r.ref !== refText) : [];
  const against = mode === 'pinned' ? `${refText}@${pinAt}` : other || others[0]?.ref;
  const cmp = useApi<CompareResult>(to && against ? comparePath(`${refText},${against}`, from, to) : null);
  if (!to) return <p className="status">No point yet.</p>;
  return (
    <>
      <div className="panel controls">
        <fieldset className="seg-field">
          <legend>Compare this tag with</legend>
          <label className="check">
            <input
              type="radio"
              name="against"
              checked={mode === 'pinned'}
              onChange={() => setMode('pinned')}
            />
            itself, never rebuilt after
          </label>
          <label className="check">
            <input type="radio" name="against" checked={mode === 'other'} onChange={() => setMode('other')} />
            another image
          </label>
        </fieldset>
        {mode === 'pinned' ? (
          <label>
            Pinned at
            <input
              type="date"
              value={pinAt}
              max={to}
              onChange={(e) => e.target.value && setPinAt(e.target.value)}
              data-testid="pin-at"
            />
          </label>
        ) : (
          <label>
            Image
            <select value={against} onChange={(e) => setOther(e.target.value)} data-testid="compare-other">
              {others.map((r) => (
                <option key={r.ref}>{r.ref}</option>
              ))}
            </select>
          </label>
        )}
        <span className="kind">
          {from} → {to}
        </span>
      </div>
      <Status loaded={cmp}>{(data) => <CompareBody data={data} negligible={false} />}</Status>
    </>
  );
}
