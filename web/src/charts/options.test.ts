/**
 * The console's chart options (web/src/charts/options.ts, pure functions): a day without data is
 * a gap in a line, never a zero and never a line drawn across it; the legend names the images.
 */
import { describe, expect, it } from 'vitest';
import type { ComparedImage, Point } from '../api';
import { fitToWidth, legendRows, severityBars, totalLines, withGaps } from './options';

const point = (day: string, total: number, kind: Point['kind'] = 'replayed'): Point => ({
  day,
  kind,
  digest: 'sha256:0',
  total,
  bySeverity: { critical: 0, high: 0, medium: 0, low: 0, unknown: total, negligible: 0 },
  scanner: { name: 'cleanroom', version: '0' },
  db: { builtAt: '2024-01-01T00:00:00.000Z', feeds: {} },
});

describe('chart options', () => {
  it('a missing day is null between the first and the last point', () => {
    const pts = [point('2024-02-27', 3), point('2024-02-28', 0), point('2024-03-02', 5)];
    expect(withGaps(pts, (p) => p.total)).toEqual([
      ['2024-02-27', 3],
      ['2024-02-28', 0],
      ['2024-02-29', null],
      ['2024-03-01', null],
      ['2024-03-02', 5],
    ]);
    expect(withGaps([], (p) => p.total)).toEqual([]);
  });

  it('total lines break at gaps, dots mark observed points, the legend lists the images', () => {
    const img = (ref: string, points: Point[]) => ({ ref, points }) as unknown as ComparedImage;
    const option = totalLines(
      [img('a:1', [point('2024-01-01', 1, 'observed'), point('2024-01-03', 2)]), img('b:1', [])],
      'total',
    );
    expect(option.legend.data).toEqual(['a:1', 'b:1']);
    const [line, , dots] = option.series as { type: string; connectNulls?: boolean; data: unknown[] }[];
    expect(line).toMatchObject({ type: 'line', connectNulls: false });
    expect(line!.data).toEqual([
      ['2024-01-01', 1],
      ['2024-01-02', null],
      ['2024-01-03', 2],
    ]);
    expect(dots).toMatchObject({ type: 'scatter', data: [['2024-01-01', 1]] });
  });

  it('axes carry titles with units, and a time axis never ticks between two days', () => {
    const option = severityBars([point('2024-05-14', 3)], false);
    expect(option.xAxis).toMatchObject({ type: 'time', name: 'day (UTC)', minInterval: 86_400_000 });
    expect(option.yAxis).toMatchObject({ name: 'CVEs per day', minInterval: 1 });
    const totals = totalLines([], 'cumulative');
    expect(totals.yAxis.name).toBe('distinct CVEs since the start');
    // a chart built elsewhere (Resolved) gets day ticks when fitted
    const other = fitToWidth({ xAxis: { type: 'time' }, series: [] }, 400);
    expect(other.xAxis).toMatchObject({ minInterval: 86_400_000 });
  });

  it('a single observation is drawn as a point; a longer series as a line alone', () => {
    const img = (ref: string, points: Point[]) => ({ ref, points }) as unknown as ComparedImage;
    const option = totalLines(
      [
        img('one:1', [point('2024-01-01', 4, 'observed')]),
        img('two:1', [point('2024-01-01', 1), point('2024-01-02', 2)]),
      ],
      'total',
    );
    const [one, two] = option.series as { showSymbol?: boolean }[];
    expect(one!.showSymbol).toBe(true);
    expect(two!.showSymbol).toBe(false);
  });

  it('bars are at least 3 px wide, however many days share the width', () => {
    const year = severityBars(
      Array.from({ length: 366 }, (_, i) =>
        point(new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10), 1),
      ),
      false,
    ) as unknown as Record<string, unknown>;
    for (const width of [372, 1200]) {
      const series = fitToWidth(year, width).series as { type: string; barMinWidth?: number }[];
      expect(series.every((s) => s.type === 'bar' && s.barMinWidth === 3)).toBe(true);
    }
  });

  it('the legend wraps at a phone width and pushes the plot below its rows', () => {
    const refs = [
      'cgr.dev/chainguard/python:latest',
      'debian/python:bookworm',
      'debian/python:bookworm@2024-01-01',
    ];
    expect(legendRows(refs, 1200)).toBe(1);
    expect(legendRows(refs, 340)).toBe(3);
    const img = (ref: string) => ({ ref, points: [] }) as unknown as ComparedImage;
    const fitted = fitToWidth(totalLines(refs.map(img), 'total'), 356) as {
      legend: { type: string };
      grid: { top: number };
    };
    expect(fitted.legend.type).toBe('plain');
    expect(fitted.grid.top).toBeGreaterThanOrEqual(3 * 22);
  });
});
