/** The History tab: a year of the tag's daily series by severity, observed and replayed days told apart. */
import { useMemo } from 'react';
import { presetFrom, type Point, type TagSummary } from '../../api';
import { Chart } from '../../charts/chart';
import { severityBars } from '../../charts/options';
import { Provenance, Status } from '../../components';
import { Link } from '../../router';
import { useApi } from '../../use-api';
import { pickDay } from '../cve-drill';

export function History({ base, me, refText }: { base: string; me: TagSummary; refText: string }) {
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
  const lowerBound = points.filter((p) => p.coverage?.lowerBound).length;
  return (
    <section className="panel">
      <h2>CVEs by severity, daily</h2>
      <p className="kind">
        {from} → {to}, as known then: {observed} days observed (a scan stands for the day),{' '}
        {points.length - observed} replayed; both are the same computation against the advisories as known
        that day.{' '}
        {lowerBound > 0 &&
          `${lowerBound} ${lowerBound === 1 ? 'day is a lower bound' : 'days are lower bounds'}: records without a trusted date may have applied then. `}
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
        onPick={pickDay(refText, 'then')}
      />
      <p className="kind">Click a bar for the CVEs of that day and severity.</p>
      <Provenance points={points} />
    </section>
  );
}
