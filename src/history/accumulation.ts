/**
 * Cumulative and accumulation (docs/counting.md): on each day with a point, the number of
 * distinct vulnerabilities that counted on any day since the start of the range, the first day
 * included; it never falls (a fix does not un-identify a CVE) and carries over gaps. The
 * accumulation rate is how many NEW ones (not there on the first day) came per 30 days: how fast
 * an image collects CVEs.
 */
import type { Point } from './types.js';

/** Distinct ids counted on any day so far, per point, in the order of the (day-sorted) points. */
export function accumulation(points: readonly Pick<Point, 'ids'>[]): number[] {
  return accumulationOf(points).cumulative;
}

/** New vulnerabilities (not counted on the first point) per 30 days over the points' span, 2 decimals; null under two days. */
export function accumulationRate(points: readonly Pick<Point, 'ids' | 'day'>[]): number | null {
  return accumulationOf(points).rate;
}

/** Both in one pass over the ids (a comparison of a year of two images reads each id once). */
export function accumulationOf(points: readonly (Pick<Point, 'ids'> & { day?: string })[]): {
  cumulative: number[];
  rate: number | null;
} {
  const seen = new Set<string>();
  const cumulative = points.map((p) => {
    for (const id of p.ids) seen.add(id);
    return seen.size;
  });
  const first = points[0];
  const last = points.at(-1);
  if (!first?.day || !last?.day || first.day === last.day) return { cumulative, rate: null };
  // the new ones are every id seen less those of the first day (all of which were seen)
  const added = seen.size - new Set(first.ids).size;
  const days = (Date.parse(`${last.day}T00:00:00Z`) - Date.parse(`${first.day}T00:00:00Z`)) / 86_400_000;
  return { cumulative, rate: Math.round((added / days) * 30 * 100) / 100 };
}

/** The mean daily total over the days that have a point (gaps are no data, not zeros), 2 decimals. */
export function dailyAverage(points: readonly Pick<Point, 'total'>[]): number | null {
  if (!points.length) return null;
  return Math.round((points.reduce((sum, p) => sum + p.total, 0) / points.length) * 100) / 100;
}
