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
import { cveHref, type Lens } from './cve-links';
import './cve.css';
import type { CveAnswer } from './cve-answer';
import { CveTags } from './cve-tags';

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
      <CveTags d={d} lens={lens} />
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
