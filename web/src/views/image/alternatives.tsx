/**
 * The Alternatives tab: the minimal image `cleanroom suggest --track NAME:TAG` built from this
 * tag's own closure, as the API keeps it (`/suggestion`, docs/suggest.md): packages, size and CVEs
 * of both images and of the counterparts that could be reached, the hours and money avoided at the
 * report's assumptions, what was left out and why; the image file to download, and Compare and the
 * ROI report of the two tags one click away. Without a stored suggestion it says how to make one:
 * the page never makes one (that builds an image).
 */
import type { ReactNode } from 'react';
import { DownloadLink, Status } from '../../components';
import { fmtBytes, fmtInt, fmtNum } from '../../format';
import { Link } from '../../router';
import { useApi } from '../../use-api';
import { SideBySide } from './side-by-side';
import type { ImageProof, Saved, SuggestionAnswer } from './suggestion-answer';

export function Alternatives({ base, refText }: { base: string; refText: string }) {
  const answer = useApi<SuggestionAnswer>(`${base}/suggestion`);
  return (
    <Status loaded={answer}>
      {(a) =>
        a.suggestion === null ? (
          <NoSuggestion refText={refText} make={a.make} />
        ) : (
          <Stored base={base} answer={a} />
        )
      }
    </Status>
  );
}

function NoSuggestion({ refText, make }: { refText: string; make: string }) {
  return (
    <section className="panel" data-testid="alternatives-empty">
      <h2>No suggestion stored for {refText}</h2>
      <p>
        <code>cleanroom suggest</code> works out what the program of a Debian-based image needs (its files no
        package owns, their ELF closure, interpreters, the data loaded by name), builds the minimal image that
        holds exactly that, and scans both with the same advisory DB. It builds an image, so this page never
        runs it: run it where the image can be read, with <code>--track</code> to keep the result here.
      </p>
      <pre data-testid="alternatives-command">
        <code>{make}</code>
      </pre>
      <p className="kind">
        SOURCE is the image as cleanroom reads it (a registry reference, a docker or OCI archive, an OCI
        layout); CMD a command that proves the result runs. See docs/suggest.md.
      </p>
    </section>
  );
}

const day = (iso: string) => iso.slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

function Stored({ base, answer }: { base: string; answer: Extract<SuggestionAnswer, { role: string }> }) {
  const s = answer.suggestion;
  const p = s.proof;
  const from = day(answer.createdAt);
  const to = today() > from ? today() : from;
  const compare = `/compare?${new URLSearchParams({ images: `${answer.original},${answer.suggested}`, from, to }).toString()}`;
  // the report values switching: the suggestion is the image used, the original the one it replaces
  const reportQuery = new URLSearchParams({
    images: answer.suggested,
    alternatives: answer.original,
    from,
    to,
  }).toString();
  const report = (format: string) => `/api/report?${reportQuery}&format=${format}`;
  const compared = s.counterparts.filter((c) => c.proof);
  const notCompared = s.counterparts.filter((c) => !c.proof);
  const columns: { label: ReactNode; proof: ImageProof }[] = [
    { label: <>{answer.original} (original)</>, proof: p.original },
    { label: <>{answer.suggested} (suggested)</>, proof: p.suggested },
    ...compared.map((c) => ({
      label: (
        <>
          {c.ref} <span className="kind">({c.kind})</span>
        </>
      ),
      proof: c.proof!,
    })),
  ];
  const declared = s.packages.filter((x) => x.declared);
  const pulled = s.packages.filter((x) => !x.declared);
  return (
    <>
      <section className="panel" data-testid="alternatives-summary">
        <h2>
          {answer.role === 'suggested'
            ? `This tag is the minimal alternative built for ${answer.original}`
            : `Minimal alternative: ${answer.suggested}`}
        </h2>
        <p className="sub">
          Built by <code>cleanroom suggest</code> on {from} from {s.source} (Debian {s.suite},{' '}
          {s.architecture}): {s.packages.length} packages ({declared.length} the program needs,{' '}
          {pulled.length} pulled by Depends) and {fmtInt(s.application.files)} application files (
          {fmtBytes(s.application.bytes)}); runs <code>{s.command.join(' ') || '(no entrypoint)'}</code> as{' '}
          {s.user.user} (uid {s.user.uid}).
        </p>
        <p data-testid="alternatives-check">
          {s.check
            ? `Checked: "${s.check.command}" ran in the built image as uid ${s.check.uid} and exited 0.`
            : 'Not checked: suggest ran without --check, so dynamic loading was not proven.'}
        </p>
        <div className="controls">
          <Link to={compare} className="button">
            Compare the two tags
          </Link>
          <Link to={`/report?${reportQuery}`} className="button">
            Open in Report
          </Link>
          <DownloadLink href={report('html')} data-testid="alternatives-report">
            ROI report (HTML)
          </DownloadLink>
          <DownloadLink href={report('pdf')}>ROI report (PDF)</DownloadLink>
          <DownloadLink href={`${base}/suggestion/cleanroom.yaml`} data-testid="alternatives-image-file">
            Image file (cleanroom.yaml)
          </DownloadLink>
        </div>
      </section>
      <section className="panel table-wrap">
        <h2>Side by side</h2>
        <p className="kind" data-testid="alternatives-span">
          Scanned: {p.span}
          {p.db ? `; DB built ${day(p.db.builtAt)}` : ''}. The same DB and counting rules for every column
          {p.subset === undefined
            ? '.'
            : p.subset
              ? '; every finding of the suggestion is also one of the original’s.'
              : '; the suggestion has findings the original lacks (newer package versions from the suite).'}
        </p>
        <SideBySide columns={columns} />
      </section>
      {p.avoided && (
        <section className="panel" data-testid="alternatives-avoided">
          <h2>Avoided by the suggestion</h2>
          <p className="kind">
            At the report’s assumptions: {fmtNum(p.assumptions.hoursPerCve)} hours per CVE,{' '}
            {fmtInt(p.assumptions.hourlyRate)} {p.assumptions.currency} an hour (docs/roi.md).
          </p>
          <dl className="facts">
            <dt>Today</dt>
            <dd>{saved(p.avoided.today, p.assumptions.currency)}</dd>
            <dt>Over the year</dt>
            <dd>
              {p.avoided.lastYear
                ? `${saved(p.avoided.lastYear, p.assumptions.currency)} (${p.original.lastYear?.from} → ${p.original.lastYear?.to})`
                : 'not replayed: the DB has no dated record for these packages (today only)'}
            </dd>
          </dl>
        </section>
      )}
      <section className="panel table-wrap">
        <h2>What is in, and why</h2>
        <table data-testid="alternatives-packages">
          <thead>
            <tr>
              <th scope="col">package</th>
              <th scope="col">version</th>
              <th scope="col">why</th>
            </tr>
          </thead>
          <tbody>
            {declared.map((x) => (
              <tr key={x.name}>
                <td>{x.name}</td>
                <td>{x.version}</td>
                <td>{x.reasons.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {pulled.length > 0 && (
          <p className="kind">Pulled by their Depends: {pulled.map((x) => x.name).join(', ')}.</p>
        )}
      </section>
      <section className="panel" data-testid="alternatives-left-out">
        <h2>Left out ({s.leftOut.length})</h2>
        <p>
          Packages of the original that the program was not found to need: no entrypoint, ELF closure,
          interpreter, import or data file led to them, nor the Depends of a package that one did:{' '}
          {s.leftOut.length ? s.leftOut.join(', ') : 'none'}.
        </p>
        {s.notes.length + s.warnings.length > 0 && <h3>Notes of the analysis</h3>}
        {s.notes.length + s.warnings.length > 0 && (
          <ul>
            {s.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
            {s.warnings.map((w) => (
              <li key={w}>Warning: {w}</li>
            ))}
          </ul>
        )}
      </section>
      {s.counterparts.length > 0 && (
        <section className="panel" data-testid="alternatives-counterparts">
          <h2>Known counterparts</h2>
          <p className="kind">
            From the catalogue (examples/suggest/counterparts.yaml, your counterparts.yaml) and --counterpart:{' '}
            {compared.length} compared in the table above, {notCompared.length} not reachable when suggest
            ran.
          </p>
          <ul>
            {notCompared.map((c) => (
              <li key={c.ref} data-testid="counterpart-unreachable">
                {c.ref} ({c.kind}): not compared: {c.unreachable}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

const saved = (v: Saved, currency: string) =>
  `${fmtInt(v.cves)} CVEs, ${fmtNum(v.hours)} hours, ${fmtInt(v.money)} ${currency}`;
