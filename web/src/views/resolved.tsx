/** Resolved: what the supplier resolved per day by severity, in total, by how, and time to fix vs SLA. */
import { useMemo } from 'react';
import {
  lastDataDay,
  seriesRefs,
  presetFrom,
  SEVERITIES,
  splitRef,
  tagPath,
  type BySeverity,
  type DbInfo,
  type ImageList,
} from '../api';
import { Chart } from '../charts/chart';
import { Card, Provenance, Status } from '../components';
import { fmtInt, fmtNum, SEVERITY_COLORS } from '../format';
import { navigate } from '../router';
import { useApi } from '../use-api';
import { TagPicker } from './tag-picker';
import { ImageLink } from './cve-drill';
import { ResolutionList, fmtMoney } from './resolved-list';

interface TimeToFix {
  count: number;
  medianDays: number | null;
  p90Days: number | null;
  withinSla: number | null;
  slaDays: number | null;
}
export interface ResolutionRow {
  day: string;
  vulnerability: string;
  severity: string;
  package: string;
  how: 'update' | 'advisory' | 'vex';
  detail: string;
  source: string;
  timeToFixDays?: number;
  counted: boolean;
  /** what it saved under the assumptions (0 where it does not count in the headline) */
  hours: number;
  money: number;
}
interface Saved {
  cves: number;
  hours: number;
  money: number;
}
interface ResolvedImage {
  ref: string;
  resolutions: ResolutionRow[];
  roi: Saved;
  total: number;
  bySeverity: BySeverity;
  byHow: Record<string, number>;
  daily: { day: string; total: number; bySeverity: BySeverity }[];
  timeToFix: Record<string, TimeToFix>;
}
export interface ResolvedResult {
  from: string;
  to: string;
  lens?: 'then' | 'now';
  db: DbInfo | null;
  assumptions: {
    hoursPerCve: number;
    hourlyRate: number;
    currency: string;
    hoursBySeverity: Record<string, number>;
  };
  images: ResolvedImage[];
}

export default function Resolved({ url }: { url: URL }) {
  const q = url.searchParams;
  const explicit = Boolean(q.get('image') && q.get('to'));
  // without an image and a range in the URL, the defaults come from the data, not from the clock
  const list = useApi<ImageList>(explicit ? null : '/api/images?limit=500');
  return (
    <>
      <h1>Resolved CVEs</h1>
      <p className="sub">
        A vulnerability that stopped counting in the tag: by a rebuild (update), a dated advisory event, or
        VEX.
      </p>
      {explicit ? (
        <ResolvedFor q={q} list={null} />
      ) : (
        <Status loaded={list} empty={(d) => d.images.length === 0}>
          {(d) => <ResolvedFor q={q} list={d} />}
        </Status>
      )}
    </>
  );
}

/** The image with a series whose data ends last, over the year up to its last day with data, unless the URL says. */
function ResolvedFor({ q, list }: { q: URLSearchParams; list: ImageList | null }) {
  const ref = q.get('image') ?? (list && seriesRefs(list, 1)[0]) ?? '';
  const to = q.get('to') ?? (list && lastDataDay(list, [ref])) ?? new Date().toISOString().slice(0, 10);
  const from = q.get('from') ?? presetFrom(to, '1y');
  const { image, tag } = splitRef(ref);
  const result = useApi<ResolvedResult>(
    ref ? `${tagPath(image, tag)}/resolved?from=${from}&to=${to}&withRoi=true` : null,
  );
  const go = (k: string, v: string) => {
    const next = new URLSearchParams({ image: ref, from, to });
    next.set(k, v);
    navigate(`/resolved?${next.toString()}`);
  };
  // the list's filters (a day picked on the chart, a cause) live in the URL beside the range
  const day = q.get('day') ?? '';
  const how = q.get('how') ?? '';
  const filter = (k: 'day' | 'how', v: string) => {
    const next = new URLSearchParams(q);
    if (v) next.set(k, v);
    else next.delete(k);
    navigate(`/resolved?${next.toString()}`);
  };
  return (
    <>
      <div className="panel controls">
        <TagPicker value={ref} onChange={(v) => go('image', v)} />
        <label>
          From
          <input type="date" value={from} onChange={(e) => e.target.value && go('from', e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => e.target.value && go('to', e.target.value)} />
        </label>
      </div>
      {ref && (
        <p className="kind">
          Image page: <ImageLink refText={ref} />
        </p>
      )}
      <Status loaded={result}>{(d) => <ResolvedBody data={d} day={day} how={how} filter={filter} />}</Status>
    </>
  );
}

function ResolvedBody({
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
  const daily = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', minInterval: 1 },
      series: SEVERITIES.map((s) => ({
        name: s,
        type: 'bar',
        stack: 'total',
        barMaxWidth: 12,
        itemStyle: { color: SEVERITY_COLORS[s] },
        data: img.daily.filter((d) => d.total > 0).map((d) => [d.day, d.bySeverity[s]]),
      })),
    }),
    [img],
  );
  const totals = useMemo(
    () => ({
      tooltip: {},
      grid: { left: 80, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: [...SEVERITIES].reverse() },
      series: [
        {
          type: 'bar',
          name: 'resolved',
          data: [...SEVERITIES]
            .reverse()
            .map((s) => ({ value: img.bySeverity[s], itemStyle: { color: SEVERITY_COLORS[s] } })),
        },
      ],
    }),
    [img],
  );
  return (
    <>
      <div className="cards">
        <Card
          label="Resolved"
          value={fmtInt(img.total)}
          sub={`${data.from} → ${data.to}`}
          testId="resolved-total"
        />
        {Object.entries(img.byHow).map(([how, n]) => (
          <Card key={how} label={`by ${how}`} value={fmtInt(n)} testId={`how-${how}`} />
        ))}
        <Card
          label="Hours saved"
          value={fmtNum(img.roi.hours)}
          sub={`${fmtInt(img.roi.cves)} × ${data.assumptions.hoursPerCve} h per CVE`}
          testId="resolved-hours"
        />
        <Card
          label="Money saved"
          value={fmtMoney(img.roi.money, data.assumptions.currency)}
          sub={`${data.assumptions.hourlyRate} ${data.assumptions.currency} per hour`}
          testId="resolved-money"
        />
        <Card
          label="Median time to fix"
          value={`${fmtNum(img.timeToFix.all?.medianDays ?? null)} d`}
          testId="ttf"
        />
      </div>
      <div className="grid2">
        <section className="panel">
          <h2>Resolved per day, by severity</h2>
          <Chart
            option={daily}
            label="Resolved CVEs per day, stacked by severity"
            testId="resolved-daily"
            onPick={(p) => filter('day', p.day)}
          />
          <p className="kind">Click a bar to list that day&apos;s resolutions.</p>
          <Provenance db={data.db} />
        </section>
        <section className="panel">
          <h2>Total resolved, by severity</h2>
          <Chart option={totals} label="Total resolved CVEs by severity" testId="resolved-totals" />
          <Provenance db={data.db} />
        </section>
      </div>
      <ResolutionList data={data} day={day} how={how} filter={filter} />
      <section className="panel table-wrap">
        <h2>Time to fix against the SLA</h2>
        <table data-testid="ttf-table">
          <thead>
            <tr>
              <th scope="col">severity</th>
              <th scope="col" className="num">
                fixed
              </th>
              <th scope="col" className="num">
                median days
              </th>
              <th scope="col" className="num">
                p90 days
              </th>
              <th scope="col" className="num">
                SLA days
              </th>
              <th scope="col" className="num">
                within SLA
              </th>
            </tr>
          </thead>
          <tbody>
            {[...SEVERITIES, 'all'].map((s) => {
              const t = img.timeToFix[s];
              if (!t) return null;
              return (
                <tr key={s}>
                  <th scope="row">{s}</th>
                  <td className="num">{t.count}</td>
                  <td className="num">{fmtNum(t.medianDays)}</td>
                  <td className="num">{fmtNum(t.p90Days)}</td>
                  <td className="num">{t.slaDays ?? '—'}</td>
                  <td className="num">{t.withinSla == null ? '—' : `${Math.round(t.withinSla * 100)} %`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}
