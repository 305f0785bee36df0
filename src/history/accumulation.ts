/**
 * The accumulation curve (docs/counting.md): on each day with a point, the number of distinct
 * vulnerabilities identified in the image since the start of the range that were not there on
 * its first point: how fast an image that nobody rebuilds collects CVEs. It starts at 0, never
 * falls (a fix does not un-identify a CVE), and carries over gaps.
 */
import type { Point } from './types.js';

/** Cumulative newly identified ids per point, in the order of the (day-sorted) points. */
export function accumulation(points: readonly Point[]): number[] {
  const first = new Set(points[0]?.ids ?? []);
  const seen = new Set<string>();
  return points.map((p) => {
    for (const id of p.ids) if (!first.has(id)) seen.add(id);
    return seen.size;
  });
}

/** The mean daily total over the days that have a point (gaps are no data, not zeros), 2 decimals. */
export function dailyAverage(points: readonly Point[]): number | null {
  if (!points.length) return null;
  return Math.round((points.reduce((sum, p) => sum + p.total, 0) / points.length) * 100) / 100;
}
