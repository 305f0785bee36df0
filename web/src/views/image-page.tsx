/** An image's page: Overview, Vulnerabilities, Packages and History tabs. */
import { useMemo, useState } from 'react';
import { SEVERITIES, tagPath, type BySeverity, type DbInfo, type Point } from '../api';
import { Chart } from '../charts/chart';
import { severityBars } from '../charts/options';
import { Card, Provenance, Status } from '../components';
import { fmtInt, SEVERITY_COLORS } from '../format';
import { useApi } from '../use-api';

interface Vulns {
  day: string;
  digest: string;
  scanner: { name: string; version: string };
  db: DbInfo;
  total: number;
  bySeverity: BySeverity;
  vulnerabilities: {
    id: string;
    severity: string;
    fixState: string;
    package: { name: string; version: string };
    fixedVersion: string | null;
  }[];
}
interface Pkgs {
  digest: string;
  distro: { prettyName?: string; id: string } | null;
  packages: { name: string; version: string; type: string; purl?: string }[];
}
const TABS = ['Overview', 'Vulnerabilities', 'Packages', 'History'] as const;

export default function ImagePage({ url }: { url: URL }) {
  const [, , rawImage = '', rawTag = ''] = url.pathname.split('/');
  const image = decodeURIComponent(rawImage);
  const tag = decodeURIComponent(rawTag);
  const base = tagPath(image, tag);
  const [tab, setTab] = useState<(typeof TABS)[number]>('Overview');
  const vulns = useApi<Vulns>(`${base}/vulnerabilities`);
  return (
    <>
      <h1>
        {image}:{tag}
      </h1>
      <div className="tabs" role="tablist" aria-label="Image views">
        {TABS.map((t) => (
          <button key={t} role="tab" type="button" aria-selected={tab === t} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab}>
        {tab === 'Overview' && <Overview base={base} vulns={vulns} />}
        {tab === 'Vulnerabilities' && <Status loaded={vulns}>{(v) => <VulnTable v={v} />}</Status>}
        {tab === 'Packages' && <Packages base={base} />}
        {tab === 'History' && <History base={base} />}
      </div>
    </>
  );
}

function Overview({ base, vulns }: { base: string; vulns: ReturnType<typeof useApi<Vulns>> }) {
  const digests = useApi<{ digests: { since: string; digest: string }[] }>(`${base}/digests`);
  const pkgs = useApi<Pkgs>(`${base}/packages`);
  return (
    <Status loaded={vulns}>
      {(v) => (
        <>
          <div className="cards">
            <Card label="Latest total" value={fmtInt(v.total)} sub={v.day} testId="overview-total" />
            {SEVERITIES.map((s) => (
              <Card key={s} label={s} value={fmtInt(v.bySeverity[s])} />
            ))}
            <Card
              label="Packages"
              value={pkgs.state === 'ready' ? fmtInt(pkgs.data.packages.length) : '—'}
              sub={
                pkgs.state === 'ready' ? (pkgs.data.distro?.prettyName ?? pkgs.data.distro?.id) : undefined
              }
            />
          </div>
          <Provenance db={v.db} points={[{ scanner: v.scanner, db: v.db } as Point]} />
          <section className="panel table-wrap">
            <h2>Digests over time</h2>
            <Status loaded={digests}>
              {(d) => (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">since</th>
                      <th scope="col">digest</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...d.digests].reverse().map((m) => (
                      <tr key={m.since}>
                        <td>{m.since.slice(0, 10)}</td>
                        <td>
                          <code>{m.digest.slice(0, 19)}…</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Status>
          </section>
        </>
      )}
    </Status>
  );
}

function VulnTable({ v }: { v: Vulns }) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<'severity' | 'id' | 'package'>('severity');
  const rank = (s: string) => ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'].indexOf(s);
  const rows = v.vulnerabilities
    .filter((r) =>
      `${r.id} ${r.package.name} ${r.severity} ${r.fixState}`.toLowerCase().includes(filter.toLowerCase()),
    )
    .sort((a, b) =>
      sort === 'severity'
        ? rank(a.severity) - rank(b.severity)
        : sort === 'id'
          ? a.id.localeCompare(b.id)
          : a.package.name.localeCompare(b.package.name),
    );
  const head = (k: typeof sort, label: string) => (
    <th scope="col" aria-sort={sort === k ? 'ascending' : 'none'}>
      <button type="button" onClick={() => setSort(k)}>
        {label}
      </button>
    </th>
  );
  return (
    <section className="panel table-wrap">
      <input
        type="search"
        aria-label="Filter vulnerabilities"
        placeholder="Filter by id, package, severity, fix state"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <table data-testid="vulns">
        <thead>
          <tr>
            {head('id', 'id')}
            {head('severity', 'severity')}
            {head('package', 'package')}
            <th scope="col">installed</th>
            <th scope="col">fixed in</th>
            <th scope="col">fix state</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.id}-${r.package.name}-${i}`}>
              <td>
                <a href={`https://osv.dev/vulnerability/${r.id}`} rel="noreferrer" target="_blank">
                  {r.id}
                </a>
              </td>
              <td>
                <span className={`sev ${r.severity}`} style={{ background: SEVERITY_COLORS[r.severity] }}>
                  {r.severity}
                </span>
              </td>
              <td>{r.package.name}</td>
              <td>{r.package.version}</td>
              <td>{r.fixedVersion ?? '—'}</td>
              <td>{r.fixState}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Packages({ base }: { base: string }) {
  const pkgs = useApi<Pkgs>(`${base}/packages`);
  return (
    <section className="panel table-wrap">
      <p>
        Download the SBOM: <a href={`${base}/sbom/cyclonedx`}>CycloneDX JSON</a> ·{' '}
        <a href={`${base}/sbom/spdx`}>SPDX JSON</a>
      </p>
      <Status loaded={pkgs}>
        {(p) => (
          <table>
            <thead>
              <tr>
                <th scope="col">name</th>
                <th scope="col">version</th>
                <th scope="col">type</th>
              </tr>
            </thead>
            <tbody>
              {p.packages.map((k, i) => (
                <tr key={`${k.name}-${i}`}>
                  <td>{k.name}</td>
                  <td>{k.version}</td>
                  <td>{k.type}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Status>
    </section>
  );
}

function History({ base }: { base: string }) {
  const h = useApi<{ points: Point[] }>(
    `${base}/history?from=${new Date(Date.now() - 3 * 365 * 86_400_000).toISOString().slice(0, 10)}`,
  );
  return (
    <Status loaded={h} empty={(d) => d.points.length === 0}>
      {(d) => <HistoryChart points={d.points} />}
    </Status>
  );
}

function HistoryChart({ points }: { points: Point[] }) {
  const option = useMemo(() => severityBars(points, false), [points]);
  return (
    <section className="panel">
      <h2>Observed CVEs by severity</h2>
      <Chart option={option} label="Observed CVEs by severity over time" testId="history" />
      <Provenance points={points} />
    </section>
  );
}
