import { describe, expect, it } from 'vitest';
import { emptyCounts } from './compact.js';
import { accumulation, dailyAverage } from './accumulation.js';
import type { Point } from './types.js';

const point = (day: string, ids: string[]): Point => ({
  ...emptyCounts(),
  day,
  kind: 'replayed',
  digest: 'd',
  ids,
  total: ids.length,
  scanner: { name: 's', version: '1' },
  db: { builtAt: null, feeds: {} },
});

describe('accumulation', () => {
  it('counts ids not present on the first point, never falling when they are fixed', () => {
    const points = [point('d1', ['A']), point('d2', ['A', 'B']), point('d3', ['C']), point('d5', ['B'])];
    expect(accumulation(points)).toEqual([0, 1, 2, 2]);
  });
  it('averages over the days that have a point', () => {
    expect(dailyAverage([point('d1', ['A']), point('d3', ['A', 'B'])])).toBe(1.5);
    expect(dailyAverage([])).toBeNull();
  });
});
