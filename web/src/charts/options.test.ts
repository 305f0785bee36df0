/**
 * The console's chart options (web/src/charts/options.ts, pure functions): a day without data is
 * a gap in a line, never a zero and never a line drawn across it; the legend names the images.
 */
import { describe, expect, it } from 'vitest';
import type { ComparedImage, Point } from '../api';
import { totalLines, withGaps } from './options';

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
});
