/**
 * The report's charts as inline SVG, rendered on the server by ECharts (no browser, no script in
 * the file): resolved per day stacked by severity; total CVEs over time, image vs alternatives;
 * cumulative CVEs identified. Days without data are gaps (null), never zeros.
 */
import * as echarts from 'echarts';
import type { RoiReport } from '../../history/resolved/roi-report.js';
import { daysOf } from '../../history/date-range.js';

/** Severity colours of the console (DESIGN.md): critical red … unknown dark grey. */
export const SEVERITY_COLORS = {
  critical: '#c62828',
  high: '#ef6c00',
  medium: '#f9a825',
  low: '#1e88e5',
  unknown: '#455a64',
} as const;

// every axis says what it counts and in which unit (issue 20: no untitled axis)
const dayAxis = (days: string[]) => ({
  type: 'category' as const,
  data: days,
  name: 'day (UTC)',
  nameLocation: 'middle' as const,
  nameGap: 26,
});
const countAxis = (name: string) => ({
  type: 'value' as const,
  minInterval: 1,
  name,
  nameLocation: 'middle' as const,
  nameGap: 32,
  nameRotate: 90,
});

const LINE_COLORS = ['#1565c0', '#6a1b9a', '#00838f', '#ad1457', '#2e7d32', '#5d4037'];
const SIZE = { width: 760, height: 260 };

function render(option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...SIZE });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** Resolved CVEs per day, stacked by severity, summed over the report's images. */
export function resolvedChart(report: RoiReport): string {
  const days = daysOf({ from: report.since, to: report.to });
  const severities = Object.keys(SEVERITY_COLORS) as (keyof typeof SEVERITY_COLORS)[];
  const perDay = new Map(
    days.map((d) => [d, Object.fromEntries(severities.map((s) => [s, 0])) as Record<string, number>]),
  );
  const known = new Set(report.images.flatMap((i) => i.daily.map((d) => d.day)));
  for (const image of report.images)
    for (const d of image.daily) for (const s of severities) perDay.get(d.day)![s]! += d.bySeverity[s];
  return render({
    title: { text: 'Resolved CVEs per day', left: 0, textStyle: { fontSize: 14 } },
    legend: { top: 0, right: 0 },
    grid: { left: 48, right: 10, top: 40, bottom: 40 },
    xAxis: dayAxis(days),
    yAxis: countAxis('CVEs resolved per day'),
    series: severities.map((s) => ({
      name: s,
      type: 'bar',
      stack: 'resolved',
      // a resolution on one day of a year stays visible
      barMinWidth: 3,
      color: SEVERITY_COLORS[s],
      data: days.map((d) => (known.has(d) ? perDay.get(d)![s] : null)),
    })),
  });
}

function lineChart(report: RoiReport, title: string, value: 'total' | 'cumulative'): string {
  const days = daysOf({ from: report.since, to: report.to });
  return render({
    title: { text: title, left: 0, textStyle: { fontSize: 14 } },
    legend: { top: 30, left: 0 },
    grid: { left: 48, right: 10, top: 66, bottom: 40 },
    xAxis: dayAxis(days),
    yAxis: countAxis(value === 'total' ? 'CVEs that day' : 'distinct CVEs since the start'),
    series: report.series.map((line, i) => {
      const byDay = new Map(line.points.map((p) => [p.day, p[value]]));
      return {
        name: line.role === 'alternative' ? `${line.ref} (alternative)` : line.ref,
        type: 'line',
        // a single observation is a dot: a line needs two points
        showSymbol: line.points.filter((p) => p[value] != null).length === 1,
        symbolSize: 6,
        connectNulls: false,
        color: LINE_COLORS[i % LINE_COLORS.length],
        lineStyle: { type: line.role === 'alternative' ? 'dashed' : 'solid' },
        data: days.map((d) => byDay.get(d) ?? null),
      };
    }),
  });
}

/** Total CVEs over time: one line per image and per alternative. */
export const totalsChart = (report: RoiReport) => lineChart(report, 'Total CVEs over time', 'total');

/** Cumulative CVEs (distinct, counted on any day since the start date, that day included): the accumulation curves. */
export const cumulativeChart = (report: RoiReport) =>
  lineChart(report, 'Cumulative CVEs identified since the start date', 'cumulative');
