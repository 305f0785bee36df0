/**
 * The report's server-rendered charts: axes titled with their unit, and a single observation drawn
 * as a dot (a line of one point draws nothing, which left the PDF's totals chart empty).
 */
import { describe, expect, it } from 'vitest';
import type { RoiReport } from '../../history/resolved/roi-report.js';
import { cumulativeChart, totalsChart } from './charts.js';

const report = (points: { day: string; total: number; cumulative: number }[]) =>
  ({
    since: '2024-01-01',
    to: '2024-01-31',
    images: [],
    series: [{ ref: 'app:1', role: 'image', points }],
  }) as unknown as RoiReport;

describe('report charts', () => {
  it('a single observation is a dot; a longer line has none', () => {
    const one = totalsChart(report([{ day: '2024-01-15', total: 3, cumulative: 3 }]));
    const two = totalsChart(
      report([
        { day: '2024-01-15', total: 3, cumulative: 3 },
        { day: '2024-01-16', total: 4, cumulative: 4 },
      ]),
    );
    // a data symbol carries its data index; the line of one point alone is a path of zero length
    const dots = (svg: string) =>
      (svg.match(/ecmeta_data_index="\d+" ecmeta_ssr_type="chart"/g) ?? []).length;
    expect(dots(one)).toBe(1);
    expect(dots(two)).toBe(0);
    expect(two).toContain('day (UTC)');
  });

  it('every axis is titled with what it counts', () => {
    const svg = cumulativeChart(report([{ day: '2024-01-15', total: 3, cumulative: 3 }]));
    expect(svg).toContain('distinct CVEs since the start');
    expect(svg).toContain('day (UTC)');
    expect(totalsChart(report([]))).toContain('CVEs that day');
  });
});
