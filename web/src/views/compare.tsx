/**
 * Compare: images side by side over a range (what `cleanroom compare` returns): summary cards, CVEs
 * by severity per image, total over time, cumulative identified; counting rules switched in place.
 */
import { useMemo, useState } from 'react';
import { DEFAULT_RULES, rulesQuery, type CompareResult, type Rules } from '../api';
import { Chart } from '../charts/chart';
import { severityBars, totalLines } from '../charts/options';
import { Card, Provenance, Status } from '../components';
import { fmtBytes, fmtInt, fmtNum } from '../format';
import { navigate } from '../router';
import { useApi } from '../use-api';
import { RulesBar } from './rules-bar';
import { exportCsv, exportJson } from './export';

const today = () => new Date().toISOString().slice(0, 10);
const back = (to: string, days: number) =>
  new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);

export default function Compare({ url }: { url: URL }) {
  const q = url.searchParams;
  const images = q.get('images') ?? 'cgr.dev/chainguard/python:latest,debian/python:bookworm';
  const to = q.get('to') ?? today();
  const from = q.get('from') ?? back(to, 30);
  const rules: Rules = {
    countBy: q.get('countBy') === 'package' ? 'package' : 'vulnerability',
    includeNegligible: q.get('includeNegligible') === 'true',
    wontFix: q.get('ignoreStates') !== 'wont-fix',
  };
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(q);
    for (const [k, v] of Object.entries(changes))
      if (v === null) next.delete(k);
      else next.set(k, v);
    navigate(`/compare?${next.toString()}`);
  };
  const rq = rulesQuery(rules);
  const path = `/api/compare?images=${encodeURIComponent(images)}&from=${from}&to=${to}&replay=true${rq ? `&${rq}` : ''}`;
  const result = useApi<CompareResult>(path);
  const [draft, setDraft] = useState(images);
  return (
    <>
      <h1>Compare</h1>
      <p className="sub">
        Daily counts, replayed from dated advisory data where no scan observed the day. Pin an image with
        NAME:TAG@DATE (as if never rebuilt after that day).
      </p>
      <div className="panel controls">
        <label>
          Images (comma-separated)
          <input
            value={draft}
            size={60}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={() => set({ images: draft })}
            onKeyDown={(e) => e.key === 'Enter' && set({ images: draft })}
          />
        </label>
        <div role="group" aria-label="Date range" className="seg">
          {[
            ['30 d', 30],
            ['90 d', 90],
            ['1 y', 365],
          ].map(([label, days]) => (
            <button
              key={label}
              type="button"
              aria-pressed={from === back(to, Number(days))}
              onClick={() => set({ from: back(to, Number(days)) })}
            >
              {label}
            </button>
          ))}
        </div>
        <label>
          From
          <input type="date" value={from} onChange={(e) => e.target.value && set({ from: e.target.value })} />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => e.target.value && set({ to: e.target.value })} />
        </label>
      </div>
      <RulesBar
        rules={rules}
        onChange={(r) =>
          set({
            countBy: r.countBy === DEFAULT_RULES.countBy ? null : r.countBy,
            includeNegligible: r.includeNegligible ? 'true' : null,
            ignoreStates: r.wontFix ? null : 'wont-fix',
          })
        }
      />
      <Status loaded={result}>
        {(data) => <CompareBody data={data} negligible={rules.includeNegligible} />}
      </Status>
    </>
  );
}

function CompareBody({ data, negligible }: { data: CompareResult; negligible: boolean }) {
  const bars = useMemo(() => data.images.map((i) => severityBars(i.points, negligible)), [data, negligible]);
  const totals = useMemo(() => totalLines(data.images, 'total'), [data]);
  const cumulative = useMemo(() => totalLines(data.images, 'cumulative'), [data]);
  const all = data.images.flatMap((i) => i.points);
  return (
    <>
      <div className="toolbar">
        <button type="button" onClick={() => exportJson(data)}>
          Export JSON
        </button>{' '}
        <button type="button" onClick={() => exportCsv(data)}>
          Export CSV
        </button>
      </div>
      <div className="grid2">
        {data.images.map((img, i) => (
          <section key={img.ref} className="panel" aria-label={img.ref} data-testid={`image-${i}`}>
            <h2>{img.ref}</h2>
            <div className="cards">
              <Card
                label="Latest count"
                value={fmtInt(img.latest?.total)}
                sub={img.latest?.day}
                testId="latest"
              />
              <Card label="Daily average" value={fmtNum(img.dailyAverage)} testId="average" />
              <Card
                label="Size"
                value={fmtBytes(img.sizeBytes)}
                sub={img.pinned ? `pinned ${img.pinned.since.slice(0, 10)}` : undefined}
                testId="size"
              />
            </div>
            <h3 className="h3">CVEs by severity</h3>
            <Chart
              option={bars[i]!}
              label={`${img.ref}: CVEs by severity per day`}
              testId={`bars-${i}`}
              height={240}
            />
            <Provenance points={img.points} />
          </section>
        ))}
      </div>
      <section className="panel">
        <h2>Total CVEs over time</h2>
        <Chart option={totals} label="Total CVEs over time, one line per image" testId="totals" />
        <p className="provenance">Dots mark observed points (a scan that day); the line alone is replayed.</p>
        <Provenance points={all} />
      </section>
      <section className="panel">
        <h2>Cumulative CVEs identified</h2>
        <Chart
          option={cumulative}
          label="Cumulative CVEs newly identified since the first day"
          testId="cumulative"
        />
        <Provenance points={all} />
      </section>
    </>
  );
}
