import { describe, expect, it } from 'vitest';
import { accumulation, accumulationRate, dailyAverage } from './accumulation.js';

const point = (day: string, ids: string[]) => ({ day, ids, total: ids.length });

describe('accumulation', () => {
  it('counts every id counted since the first day, the first day included, never falling when they are fixed', () => {
    const points = [point('2024-01-01', ['A']), point('2024-01-02', ['A', 'B']), point('2024-01-03', ['C'])];
    expect(accumulation([...points, point('2024-01-05', ['B'])])).toEqual([1, 2, 3, 3]);
  });
  it('gives an image that carried 16 CVEs on day one and nothing new a cumulative of 16, not 0', () => {
    const ids = Array.from({ length: 16 }, (_, i) => `CVE-2024-${i}`);
    expect(accumulation([point('2024-01-01', ids), point('2024-01-02', ids)])).toEqual([16, 16]);
  });
  it('rates the new ones per 30 days over the span of the points', () => {
    const points = [point('2024-01-01', ['A']), point('2024-01-31', ['A', 'B', 'C'])];
    expect(accumulationRate(points)).toBe(2);
    expect(accumulationRate([point('2024-01-01', ['A'])])).toBeNull();
  });
  it('averages over the days that have a point', () => {
    expect(dailyAverage([point('d1', ['A']), point('d3', ['A', 'B'])])).toBe(1.5);
    expect(dailyAverage([])).toBeNull();
  });
});
