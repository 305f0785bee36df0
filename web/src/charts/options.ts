/** ECharts options of the console's charts, built from the API's points (pure: no DOM). */
import { SEVERITIES, type ComparedImage, type Point } from '../api';
import { daysBetween, SEVERITY_COLORS } from '../format';

const DAY_MS = 86_400_000;
/** A time axis of days: no tick between two days (no 06:00 on one day of data), labels as dates. */
const dayAxis = {
  type: 'time' as const,
  name: 'day (UTC)',
  nameLocation: 'middle' as const,
  nameGap: 28,
  minInterval: DAY_MS,
  axisLabel: { hideOverlap: true, formatter: '{yyyy}-{MM}-{dd}' },
};
const countAxis = (name: string) => ({
  type: 'value' as const,
  minInterval: 1,
  name,
  nameLocation: 'middle' as const,
  nameGap: 40,
  nameRotate: 90,
});
const base = (yName: string, legend = true) => ({
  tooltip: { trigger: 'axis' },
  legend: legend ? { top: 0, type: 'plain' } : undefined,
  grid: { left: 56, right: 16, top: legend ? 36 : 16, bottom: 44 },
  xAxis: dayAxis,
  yAxis: countAxis(yName),
});

/** Daily stacked bars by severity; a day without a point has no bar (a gap, never a zero). */
export function severityBars(points: Point[], negligible: boolean) {
  const sev = negligible ? [...SEVERITIES, 'negligible' as const] : [...SEVERITIES];
  return {
    ...base('CVEs per day'),
    series: sev.map((s) => ({
      name: s,
      type: 'bar',
      stack: 'total',
      barMaxWidth: 12,
      // a year of days is drawn as one path per series, not one element per bar
      large: true,
      largeThreshold: 200,
      itemStyle: { color: SEVERITY_COLORS[s] },
      data: points.map((p) => [p.day, p.bySeverity[s]]),
    })),
  };
}

const IMAGE_COLORS = ['#3f51b5', '#00897b', '#8e24aa', '#6d4c41', '#d81b60'];

/**
 * `[day, value]` for every day from the first point to the last, null where no point is: a day
 * without data breaks the line (a gap, never a zero, never a line drawn across it).
 */
export function withGaps(points: readonly Point[], value: (p: Point) => number | null | undefined) {
  if (!points.length) return [];
  const byDay = new Map(points.map((p) => [p.day, p]));
  return daysBetween(points[0]!.day, points.at(-1)!.day).map((day): [string, number | null] => {
    const p = byDay.get(day);
    return [day, p ? (value(p) ?? null) : null];
  });
}

/** One line per image; observed points drawn as dots, replayed ones as the line alone. */
export function totalLines(images: ComparedImage[], field: 'total' | 'cumulative') {
  return {
    ...base(field === 'total' ? 'CVEs counted that day' : 'distinct CVEs since the start'),
    // the images alone in the legend: the dots of observed points are explained under the chart
    legend: { top: 0, type: 'plain', data: images.map((img) => img.ref) },
    series: [
      ...images.map((img, i) => ({
        name: img.ref,
        type: 'line',
        color: IMAGE_COLORS[i % IMAGE_COLORS.length],
        // a single point (one observation) is drawn as a dot: a line needs two
        showSymbol: img.points.filter((p) => p[field] != null).length === 1,
        symbolSize: 7,
        connectNulls: false,
        data: withGaps(img.points, (p) => p[field]),
      })),
      ...images.map((img, i) => ({
        name: `${img.ref} (observed)`,
        type: 'scatter',
        color: IMAGE_COLORS[i % IMAGE_COLORS.length],
        symbolSize: 5,
        data: img.points.filter((p) => p.kind === 'observed').map((p) => [p.day, p[field] ?? null]),
      })),
      // a day whose records carry no date the DB could trust: its count may be too low (docs/counting.md)
      ...images.map((img, i) => ({
        name: `${img.ref} (lower bound)`,
        type: 'scatter',
        color: IMAGE_COLORS[i % IMAGE_COLORS.length],
        symbol: 'triangle',
        symbolSize: 7,
        itemStyle: { opacity: 0.6 },
        data: img.points.filter((p) => p.coverage?.lowerBound).map((p) => [p.day, p[field] ?? null]),
      })),
    ],
  };
}

interface FitSeries {
  type?: string;
  data?: unknown[];
  [k: string]: unknown;
}

/** Legend rows at a width: each name about 6.5 px a character plus its mark and gap. */
export function legendRows(names: readonly string[], width: number): number {
  let rows = 1;
  let used = 0;
  for (const n of names) {
    const w = n.length * 6.5 + 40;
    if (used > 0 && used + w > width) {
      rows++;
      used = 0;
    }
    used += w;
  }
  return rows;
}

/**
 * An option fitted to the width it is drawn at: the legend wraps (its rows push the plot down, so
 * no name is cut on a phone); daily bars are at least 3 px wide; a time axis never ticks between
 * two days.
 */
export function fitToWidth(option: Record<string, unknown>, width: number): Record<string, unknown> {
  const out: Record<string, unknown> = { ...option };
  const series = (option.series as FitSeries[] | undefined) ?? [];
  const grid = (option.grid as { left?: number; right?: number; top?: number } | undefined) ?? {};
  const legend = option.legend as { data?: string[]; top?: number } | undefined;
  if (legend) {
    const names = legend.data ?? series.filter((x) => x.type !== 'scatter').map((x) => String(x.name ?? ''));
    const rows = legendRows(names, width - 16);
    out.legend = { ...legend, type: 'plain', top: 0 };
    out.grid = { ...grid, top: Math.max(grid.top ?? 36, rows * 22 + 14) };
  }
  const x = option.xAxis as { type?: string } | undefined;
  if (x?.type === 'time')
    out.xAxis = {
      minInterval: DAY_MS,
      axisLabel: { hideOverlap: true, formatter: '{yyyy}-{MM}-{dd}' },
      ...x,
    };
  // a bar is never thinner than 3 px (a year of days on a phone, or a few days far apart): neighbours
  // touch and read as an area, and each still answers a click (drill-down)
  if (x?.type === 'time') out.series = series.map((x) => (x.type === 'bar' ? { ...x, barMinWidth: 3 } : x));
  return out;
}
