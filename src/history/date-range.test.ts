import { describe, expect, it } from 'vitest';
import { addDays, dayRange, daysOf } from './date-range.js';

describe('day ranges', () => {
  const now = new Date('2024-03-10T12:00:00Z');
  it('defaults to the 30 days up to today', () => {
    expect(dayRange(undefined, undefined, now)).toEqual({ from: '2024-02-10', to: '2024-03-10' });
  });
  it('crosses a leap day', () => {
    expect(daysOf({ from: '2024-02-28', to: '2024-03-01' })).toEqual([
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
  it('refuses --from after --to in one sentence', () => {
    expect(() => dayRange('2024-03-02', '2024-03-01', now)).toThrow(
      '--from 2024-03-02 is after --to 2024-03-01',
    );
  });
});
