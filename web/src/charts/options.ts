/** ECharts options of the console's charts, built from the API's points (pure: no DOM). */
import { SEVERITIES, type ComparedImage, type Point } from '../api';
import { daysBetween, SEVERITY_COLORS } from '../format';

const axis = { type: 'time' as const };
const base = (legend = true) => ({
  tooltip: { trigger: 'axis' },
  legend: legend ? { top: 0, type: 'scroll' } : undefined,
  grid: { left: 48, right: 16, top: legend ? 36 : 16, bottom: 32 },
  xAxis: axis,
  yAxis: { type: 'value', minInterval: 1 },
});

/** Daily stacked bars by severity; a day without a point has no bar (a gap, never a zero). */
export function severityBars(points: Point[], negligible: boolean) {
  const sev = negligible ? [...SEVERITIES, 'negligible' as const] : [...SEVERITIES];
  return {
    ...base(),
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
    ...base(),
    // the images alone in the legend: the dots of observed points are explained under the chart
    legend: { top: 0, type: 'scroll', data: images.map((img) => img.ref) },
    series: [
      ...images.map((img, i) => ({
        name: img.ref,
        type: 'line',
        color: IMAGE_COLORS[i % IMAGE_COLORS.length],
        showSymbol: false,
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
