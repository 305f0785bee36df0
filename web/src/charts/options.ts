/** ECharts options of the console's charts, built from the API's points (pure: no DOM). */
import { SEVERITIES, type ComparedImage, type Point } from '../api';
import { SEVERITY_COLORS } from '../format';

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

/** One line per image; observed points drawn as dots, replayed ones as the line alone. */
export function totalLines(images: ComparedImage[], field: 'total' | 'cumulative') {
  return {
    ...base(),
    series: [
      ...images.map((img, i) => ({
        name: img.ref,
        type: 'line',
        color: IMAGE_COLORS[i % IMAGE_COLORS.length],
        showSymbol: false,
        connectNulls: false,
        data: img.points.map((p) => [p.day, p[field] ?? null]),
      })),
      ...images.map((img, i) => ({
        name: `${img.ref} (observed)`,
        type: 'scatter',
        color: IMAGE_COLORS[i % IMAGE_COLORS.length],
        symbolSize: 5,
        data: img.points.filter((p) => p.kind === 'observed').map((p) => [p.day, p[field] ?? null]),
      })),
    ],
  };
}
