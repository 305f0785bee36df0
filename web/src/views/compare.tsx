/**
 * Compare: images side by side over a range (what `cleanroom compare` returns): summary cards, CVEs
 * by severity per image, total over time, cumulative identified; counting rules switched in place,
 * "after VEX" among them when the server has VEX statements (/api/meta).
 * The range is anchored to the data: when the data ends before today, the presets count back from
 * the last day that has data, and the default range shows data, not an empty window.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  DEFAULT_RULES,
  lastDataDay,
  presetFrom,
  refsOf,
  seriesRefs,
  splitRef,
  type CompareResult,
  type ImageList,
} from '../api';
import { Chart } from '../charts/chart';
import { severityBars, totalLines } from '../charts/options';
import { Card, CoverageBadge, Provenance, Status } from '../components';
import { fmtBytes, fmtInt, fmtNum } from '../format';
import { navigateWith } from '../router';
import { prefetch, useApi } from '../use-api';
import { comparePath, rulesOf } from '../compare-path';
import { RulesBar, vexUnavailable, type ConsoleRules, type ServerMeta } from './rules-bar';
import { exportCsv, exportJson } from './export';
import { CardLink, ImageLink, pickDay, pickPoint } from './cve-drill';

const PRESETS = [
  ['30 d', '30d'],
  ['90 d', '90d'],
  ['1 y', '1y'],
] as const;

export default function Compare({ url }: { url: URL }) {
  const explicit = Boolean(url.searchParams.get('images') && url.searchParams.get('to'));
  // with everything in the URL, the list waits: the server answers the comparison first
  const list = useApi<ImageList>(explicit ? null : '/api/images?limit=500');
  return (
    <>
      <h1>Compare</h1>
      <p className="sub">
        Daily counts: each day's image against the advisories under the chosen lens, the same computation
        whether a scan observed the day or not. Pin an image with NAME:TAG@DATE (as if never rebuilt after
        that day).
      </p>
      {explicit ? (
        // everything is in the URL: the comparison is asked at once, the list only fills the picker
        <CompareWith list={null} q={url.searchParams} />
      ) : (
        <Status loaded={list} empty={(d) => d.images.length === 0}>
          {(d) => <CompareWith list={d} q={url.searchParams} />}
        </Status>
      )}
    </>
  );
}

/**
 * The default comparison: the two images (a tag of each, more than a day of data) whose data ends
 * last, and the one of them
 * that carries more CVEs also as never rebuilt since the range began (or since its first data):
 * on the demo, the Chainguard-style python image against the Debian one, rebuilt and pinned.
 */
export function defaultImages(list: ImageList): string {
  const refs = seriesRefs(list, 2);
  const to = lastDataDay(list, refs);
  if (!to || refs.length < 2) return refs.join(',');
  const total = (ref: string) => refsOf(list).find((r) => r.ref === ref)?.latest?.total ?? 0;
  const most = [...refs].sort((a, b) => total(b) - total(a))[0]!;
  const from = presetFrom(to, '1y');
  const first = list.images.find((i) => i.name === splitRef(most).image)?.firstSeen.slice(0, 10) ?? from;
  return [...refs, `${most}@${[from, first].sort().at(-1)!}`].join(',');
}

function CompareWith({ list: given, q }: { list: ImageList | null; q: URLSearchParams }) {
  const fallback = given ? defaultImages(given) : '';
  const images = q.get('images') ?? fallback;
  const refs = images.split(',').map((r) => r.trim());
  const to = q.get('to') ?? (given && lastDataDay(given, refs)) ?? new Date().toISOString().slice(0, 10);
  const from = q.get('from') ?? presetFrom(to, '1y');
  const rules = rulesOf(q);
  const set = (changes: Record<string, string | null>, replace = false) =>
    navigateWith('/compare', q, changes, replace);
  // the defaults written into the URL, so that a copied URL is this view
  useEffect(() => {
    if (images && (!q.get('images') || !q.get('from') || !q.get('to'))) set({ images, from, to }, true);
  });
  const path = comparePath(images, from, to, rules);
  const result = useApi<CompareResult>(path);
  // whether the server has VEX statements for "after VEX" (asked once the comparison is on its way)
  const meta = useApi<ServerMeta>(result.state !== 'loading' ? '/api/meta' : null);
  const vexOff = vexUnavailable(meta.state === 'ready' ? meta.data : null);
  const vex =
    meta.state === 'ready' && !vexOff
      ? { statements: meta.data.vex.statements }
      : {
          unavailable:
            meta.state === 'error' ? 'The server did not say whether it has VEX documents.' : vexOff!,
        };
  // the chart code loads while the server computes the answer (after the request left, not before)
  useEffect(() => void import('../charts/echarts-setup'), []);
  const later = useApi<ImageList>(!given && result.state !== 'loading' ? '/api/images?limit=500' : null);
  const list = given ?? (later.state === 'ready' ? later.data : null);
  // the presets count back from the last day with data
  const anchor = (list && lastDataDay(list, refs)) ?? to;
  // each rule one switch away, read while the user looks at this one
  useEffect(() => {
    if (result.state !== 'ready') return;
    const others: ConsoleRules[] = [
      { ...rules, countBy: rules.countBy === 'package' ? 'vulnerability' : 'package' } as const,
      { ...rules, includeNegligible: !rules.includeNegligible },
      { ...rules, wontFix: !rules.wontFix },
      { ...rules, lens: rules.lens === 'now' ? 'then' : 'now' },
      ...('statements' in vex ? [{ ...rules, afterVex: !rules.afterVex }] : []),
    ];
    let stop = false;
    // after the charts drew: the server computes one answer at a time, and the page's own come first
    const timer = setTimeout(() => {
      void (async () => {
        for (const r of others) if (!stop) await prefetch(comparePath(images, from, to, r));
      })();
    }, 1000);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [result.state, path, 'statements' in vex]);
  const [draft, setDraft] = useState(images);
  useEffect(() => setDraft(images), [images]);
  return (
    <>
      <div className="panel controls">
        <label className="grow">
          Images (comma-separated; NAME:TAG or NAME:TAG@DATE)
          <input
            value={draft}
            list="tracked-refs"
            onChange={(e) => setDraft(e.target.value)}
            onBlur={() => draft !== images && set({ images: draft })}
            onKeyDown={(e) => e.key === 'Enter' && set({ images: draft })}
            data-testid="compare-images"
          />
          <datalist id="tracked-refs">
            {(list ? refsOf(list) : []).map((r) => (
              <option key={r.ref} value={r.ref} />
            ))}
          </datalist>
        </label>
        <div
          role="group"
          aria-label={`Date range, ending on ${anchor} (the last day with data)`}
          className="seg"
        >
          {PRESETS.map(([label, p]) => (
            <button
              key={p}
              type="button"
              aria-pressed={to === anchor && from === presetFrom(anchor, p)}
              onClick={() => set({ from: presetFrom(anchor, p), to: anchor })}
              title={`the ${label} up to ${anchor}, the last day with data`}
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
        vex={vex}
        onChange={(r) =>
          set({
            countBy: r.countBy === DEFAULT_RULES.countBy ? null : r.countBy,
            includeNegligible: r.includeNegligible ? 'true' : null,
            ignoreStates: r.wontFix ? null : 'wont-fix',
            afterVex: r.afterVex ? 'true' : null,
            lens: r.lens === 'now' ? 'now' : null,
          })
        }
      />
      <Status loaded={result}>
        {(data) => <CompareBody data={data} negligible={rules.includeNegligible} />}
      </Status>
    </>
  );
}

/** The cards and charts of a comparison (Compare, and an image page's Comparison tab). */
export function CompareBody({ data, negligible }: { data: CompareResult; negligible: boolean }) {
  const bars = useMemo(() => data.images.map((i) => severityBars(i.points, negligible)), [data, negligible]);
  const totals = useMemo(() => totalLines(data.images, 'total'), [data]);
  const cumulative = useMemo(() => totalLines(data.images, 'cumulative'), [data]);
  const all = data.images.flatMap((i) => i.points);
  const file = (what: string) => `cleanroom-${what}-${data.from}-${data.to}`;
  return (
    <>
      <div className="toolbar" role="group" aria-label="Export">
        <span className="kind">
          {data.from} → {data.to}
        </span>
        <button type="button" onClick={() => exportJson(data)}>
          Export JSON
        </button>
        <button type="button" onClick={() => exportCsv(data)}>
          Export CSV
        </button>
      </div>
      <div className="grid2">
        {data.images.map((img, i) => (
          <section key={img.ref} className="panel" aria-label={img.ref} data-testid={`image-${i}`}>
            <h2 className="ref">
              <ImageLink refText={img.ref} />
            </h2>
            <div className="cards">
              <CardLink refText={img.ref} day={img.latest?.day} lens={data.lens}>
                <Card
                  label="Latest count"
                  value={fmtInt(img.latest?.total)}
                  sub={img.latest ? `${img.latest.day} (${img.points.at(-1)?.kind ?? ''})` : 'no point'}
                  testId="latest"
                  badge={<CoverageBadge point={img.points.at(-1)} />}
                />
              </CardLink>
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
              png={file(`severity-${i + 1}`)}
              onPick={pickDay(img.ref, data.lens)}
            />
            <Provenance points={img.points} />
          </section>
        ))}
      </div>
      <section className="panel">
        <h2>Total CVEs over time</h2>
        <Chart
          option={totals}
          label="Total CVEs over time, one line per image"
          testId="totals"
          png={file('totals')}
          onPick={pickPoint(data.lens)}
        />
        <p className="provenance">
          {data.lens === 'now'
            ? "As known now: each day's image against today's advisories. "
            : 'As known then: each day against the advisories as known that day. '}
          Dots mark observed days (a scan stands for that day; the same computation as the others); triangles
          mark a lower bound (records without a trusted date may have applied then).
        </p>
        <Provenance points={all} />
      </section>
      <section className="panel">
        <h2>Cumulative CVEs identified</h2>
        <Chart
          option={cumulative}
          label="Cumulative CVEs counted since the first day, that day included"
          testId="cumulative"
          png={file('cumulative')}
        />
        <Provenance points={all} />
      </section>
    </>
  );
}
