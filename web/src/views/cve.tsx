/**
 * A vulnerability's page (`/cve/CVE-…`): what the advisory DB knows of it (severity and its source,
 * every rating, KEV, EPSS, the affected packages and their fixes, links to its advisories) and every
 * tracked tag that carries or carried it under the lens: since when, in which packages, fixed in
 * which version, resolved how and when. All of it is GET /api/cves/:id.
 */
import { Card, Provenance, Status } from '../components';
import { fmtInt, fmtNum, SEVERITY_COLORS } from '../format';
import { Link, navigate } from '../router';
import { useApi } from '../use-api';
import { cveHref, cveListHref, imageHref, type Lens } from './cve-links';
import './cve.css';

interface Resolution {
  day: string;
  package: string;
  how: 'update' | 'advisory' | 'vex';
  detail: string;
  source: string;
  timeToFixDays?: number;
  counted: boolean;
}
export interface CveCarrier {
  ref: string;
  image: string;
  tag: string;
  from: string;
  to: string;
  firstDay: string | null;
  lastDay: string | null;
  days: number;
  carries: boolean;
  findings: {
    severity: string;
    fixState: string;
    package: string;
    version: string;
    fixedVersion: string | null;
  }[];
  resolutions: Resolution[];
}
export interface CveAnswer {
  id: string;
  lens: Lens;
  known: boolean;
  summary: string | null;
  aliases: string[];
  published: string | null;
  withdrawn: string | null;
  severity: {
    level: string;
    source: string;
    cvss: { score: number; vector: string | null; source: string } | null;
  };
  severities: { source: string; level: string; score: number | null; vector: string | null }[];
  kev: { dateAdded: string } | null;
  epss: number | null;
  affected: {
    ecosystem: string;
    package: string;
    fixState: string;
    fixedVersion: string | null;
    fixedAt: string | null;
    feed: string;
    advisory: string;
  }[];
  links: { title: string; url: string }[];
  search: { candidates: number; read: number; limit: number; capped: boolean; packagesCapped: boolean };
  db: { builtAt: string; feeds: Record<string, string> } | null;
  tags: CveCarrier[];
}

const HOW: Record<Resolution['how'], string> = {
  update: 'rebuilt without it',
  advisory: 'advisory',
  vex: 'VEX',
};

const RANK = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];
const highest = (findings: CveCarrier['findings']) =>
  findings.map((f) => f.severity).sort((a, b) => RANK.indexOf(a) - RANK.indexOf(b))[0] ?? 'unknown';

/** A tag's resolutions of one vulnerability, one line per event (a rebuild ends it in all its packages at once). */
function resolutionGroups(list: readonly Resolution[]) {
  const groups = new Map<string, Resolution & { key: string; packages: string[] }>();
  for (const r of list) {
    const key = `${r.day}\0${r.how}\0${r.detail}`;
    const g = groups.get(key);
    if (g) g.packages.push(r.package);
    else groups.set(key, { ...r, key, packages: [r.package] });
  }
  return [...groups.values()];
}

export default function CvePage({ url }: { url: URL }) {
  const id = decodeURIComponent(url.pathname.slice('/cve/'.length));
  const lens: Lens = url.searchParams.get('lens') === 'now' ? 'now' : 'then';
  // how many tags are read (the API's limit, 10 by default), kept in the URL
  const limit = url.searchParams.get('limit');
  const q = new URLSearchParams();
  if (lens === 'now') q.set('lens', 'now');
  if (limit) q.set('limit', limit);
  const loaded = useApi<CveAnswer>(
    id ? `/api/cves/${encodeURIComponent(id)}${q.size ? `?${q.toString()}` : ''}` : null,
  );
  return (
    <>
      <p className="crumbs">
        <Link to="/">Directory</Link> / vulnerability
      </p>
      <h1 className="ref-inline">{id}</h1>
      <div className="panel controls">
        <div role="group" aria-label="Lens" className="seg">
          {(['then', 'now'] as const).map((l) => (
            <button key={l} type="button" aria-pressed={lens === l} onClick={() => navigate(cveHref(id, l))}>
              as known {l}
            </button>
          ))}
        </div>
        <p className="kind">
          {lens === 'now'
            ? "Each tag's images against today's advisories."
            : 'Each day of each tag against the advisories as known that day.'}
        </p>
      </div>
      <Status loaded={loaded}>{(d) => <CveBody d={d} lens={lens} />}</Status>
    </>
  );
}

function CveBody({ d, lens }: { d: CveAnswer; lens: Lens }) {
  const carrying = d.tags.filter((t) => t.carries).length;
  return (
    <>
      {d.id !== decodeURIComponent(window.location.pathname.slice(5)) && (
        <p className="kind">Shown under its CVE id: {d.id}.</p>
      )}
      <div className="cards">
        <div className="card" data-testid="cve-severity">
          <div className="card-label">Severity</div>
          <div className="card-value" data-value>
            <span
              className={`sev ${d.severity.level}`}
              style={{ background: SEVERITY_COLORS[d.severity.level] }}
            >
              {d.severity.level}
            </span>
          </div>
          <div className="card-sub">
            {d.severity.cvss
              ? `CVSS ${fmtNum(d.severity.cvss.score)} from ${d.severity.cvss.source}`
              : `from ${d.severity.source}`}
          </div>
        </div>
        <Card
          label="Tracked tags that carry it"
          value={fmtInt(carrying)}
          sub={`${d.tags.length} carried it or had it resolved`}
          testId="cve-carrying"
        />
        <Card
          label="CISA KEV"
          value={d.kev ? 'listed' : d.db ? 'no' : '—'}
          sub={d.kev ? `added ${d.kev.dateAdded.slice(0, 10)}` : undefined}
          testId="cve-kev"
        />
        <Card
          label="EPSS"
          value={d.epss == null ? '—' : `${(d.epss * 100).toFixed(1)} %`}
          sub={d.epss == null ? 'no score in the DB' : 'probability of exploitation in 30 days'}
          testId="cve-epss"
        />
        <Card label="Published" value={d.published?.slice(0, 10) ?? '—'} testId="cve-published" />
      </div>
      {d.summary && (
        <section className="panel">
          <h2>Summary</h2>
          <p className="summary">{d.summary}</p>
          {d.aliases.length > 0 && <p className="kind">Also known as {d.aliases.join(', ')}.</p>}
          {d.withdrawn && <p className="status error">Withdrawn {d.withdrawn.slice(0, 10)}.</p>}
        </section>
      )}
      <section className="panel">
        <h2>Tracked tags</h2>
        {d.search.capped && (
          <p className="kind" role="note" data-testid="cve-capped">
            {d.search.candidates} tags hold a package it affects; the first {d.search.read} by name were read.{' '}
            {d.search.limit < 50 && (
              <Link to={`${cveHref(d.id, lens)}${lens === 'now' ? '&' : '?'}limit=50`}>Read up to 50</Link>
            )}
          </p>
        )}
        {d.tags.length === 0 ? (
          <p className="status">
            No tracked tag carried it {lens === 'now' ? 'as known now' : 'as known then'}.
          </p>
        ) : (
          <table className="stack" data-testid="cve-tags">
            <thead>
              <tr>
                <th scope="col">image</th>
                <th scope="col">since</th>
                <th scope="col">until</th>
                <th scope="col">packages (installed → fixed in)</th>
                <th scope="col">resolved</th>
              </tr>
            </thead>
            <tbody>
              {d.tags.map((t) => (
                <tr key={t.ref} data-ref={t.ref}>
                  <th scope="row" data-label="image">
                    <Link to={imageHref(t.ref)}>{t.ref}</Link>
                  </th>
                  <td data-label="since" className="day" data-first={t.firstDay ?? ''}>
                    {t.firstDay ? (
                      <Link to={cveListHref({ ref: t.ref, day: t.firstDay, lens })}>{t.firstDay}</Link>
                    ) : (
                      'never shown'
                    )}
                  </td>
                  <td data-label="until" className="day" data-last={t.lastDay ?? ''}>
                    {t.carries ? (
                      <strong>still carries it ({t.to})</strong>
                    ) : t.lastDay ? (
                      <Link to={cveListHref({ ref: t.ref, day: t.lastDay, lens })}>{t.lastDay}</Link>
                    ) : (
                      '—'
                    )}
                    {t.days > 0 && (
                      <span className="muted">
                        {' '}
                        · {t.days} {t.days === 1 ? 'day' : 'days'}
                      </span>
                    )}
                  </td>
                  <td data-label="packages">
                    {t.findings[0] && (
                      <span
                        className={`sev ${highest(t.findings)}`}
                        style={{ background: SEVERITY_COLORS[highest(t.findings)] }}
                        title="the severity it counts as in this tag (its distribution's rating first)"
                      >
                        {highest(t.findings)}
                      </span>
                    )}
                    <ul className="pkgs">
                      {t.findings.map((f, i) => (
                        <li key={i}>
                          {f.package} <span className="mono">{f.version}</span>
                          {f.fixedVersion ? (
                            <>
                              {' '}
                              → <span className="mono">{f.fixedVersion}</span>
                            </>
                          ) : (
                            <span className="muted"> ({f.fixState})</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label="resolved">
                    {t.resolutions.length === 0 ? (
                      '—'
                    ) : (
                      <ul className="pkgs">
                        {resolutionGroups(t.resolutions).map((g) => (
                          <li key={g.key}>
                            <strong>{g.day}</strong>: {HOW[g.how]}
                            {g.timeToFixDays !== undefined && ` after ${fmtNum(g.timeToFixDays)} d`} (
                            {g.packages.join(', ')}) <span className="muted">{g.detail}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="provenance">
          Since: the first day the tag&apos;s series counted it, from its first observed day; until: the last
          such day. Tags are found by the packages the advisories name, then read through the same computation
          as every chart.
        </p>
      </section>
      <div className="grid2">
        <section className="panel">
          <h2>Fixes by distribution</h2>
          {d.affected.length === 0 ? (
            <p className="status">The advisory DB names no affected package.</p>
          ) : (
            <table className="stack" data-testid="cve-affected">
              <thead>
                <tr>
                  <th scope="col">ecosystem</th>
                  <th scope="col">package</th>
                  <th scope="col">fixed in</th>
                  <th scope="col">advisory</th>
                </tr>
              </thead>
              <tbody>
                {d.affected.map((a, i) => (
                  <tr key={i}>
                    <td data-label="ecosystem">{a.ecosystem}</td>
                    <td data-label="package">{a.package}</td>
                    <td data-label="fixed in">
                      {a.fixedVersion ? <span className="mono">{a.fixedVersion}</span> : a.fixState}
                      {a.fixedAt && <span className="muted"> ({a.fixedAt.slice(0, 10)})</span>}
                    </td>
                    <td data-label="advisory" className="wrap">
                      {a.advisory} <span className="muted">({a.feed})</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel">
          <h2>Severity ratings</h2>
          {d.severities.length === 0 ? (
            <p className="status">
              No rating in the DB: each distribution&apos;s own, where it has one, is on its tags.
            </p>
          ) : (
            <table className="stack" data-testid="cve-ratings">
              <thead>
                <tr>
                  <th scope="col">source</th>
                  <th scope="col">severity</th>
                  <th scope="col" className="num">
                    score
                  </th>
                  <th scope="col">vector</th>
                </tr>
              </thead>
              <tbody>
                {d.severities.map((s, i) => (
                  <tr key={i}>
                    <td data-label="source">{s.source}</td>
                    <td data-label="severity">{s.level}</td>
                    <td data-label="score" className="num">
                      {s.score == null ? '—' : fmtNum(s.score)}
                    </td>
                    <td data-label="vector" className="mono wrap">
                      {s.vector ?? '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="provenance">
            The headline is the rule without a distribution: a CVSS v3/v4 score (NVD, then the CNA, then
            CISA-ADP), else a label. On each tag the distribution&apos;s own rating comes first.
          </p>
          <h2 className="spaced">Advisories</h2>
          <ul className="links" data-testid="cve-links">
            {d.links.map((l) => (
              <li key={l.url}>
                <a href={l.url} rel="noreferrer" target="_blank">
                  {l.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <Provenance db={d.db} />
    </>
  );
}
