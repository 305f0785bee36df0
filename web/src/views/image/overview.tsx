/** The Overview tab: latest counts, what the tag is, and the digests it pointed to over time. */
import { useState } from 'react';
import { SEVERITIES } from '../../api';
import { Card, CoverageBadge, Provenance, Status } from '../../components';
import { fmtBytes, fmtInt, fmtNum } from '../../format';
import { useApi } from '../../use-api';
import { distroLabel } from '../directory-state';
import type { Tags, Vulns } from './types';

export function Overview({
  base,
  me,
  registry,
}: {
  base: string;
  me: Tags['tags'][number];
  registry: string;
}) {
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
          badge={<CoverageBadge point={latest} />}
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
              ? `${vulns.data.scanner.name} ${vulns.data.scanner.version}, ${
                  vulns.data.db.builtAt
                    ? `DB built ${vulns.data.db.builtAt.slice(0, 10)}`
                    : 'DB build time not stated (an imported result)'
                }`
              : vulns.state === 'error'
                ? '—'
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
        {moves.length === 1
          ? `One digest since ${moves[0]!.since.slice(0, 10)}: never rebuilt.`
          : `${moves.length} digests since ${moves[0]?.since.slice(0, 10)}: a rebuild every ${fmtNum(
              (Date.parse(moves.at(-1)!.since) - Date.parse(moves[0]!.since)) /
                86_400_000 /
                (moves.length - 1),
              1,
            )} days on average.`}
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
