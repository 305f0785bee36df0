import { describe, expect, it } from 'vitest';
import { wolfiFix } from './fix-state.js';

const detection = { timestamp: '2024-01-01T00:00:00Z', type: 'detection' };
const fixed = { timestamp: '2024-01-03T00:00:00Z', type: 'fixed', data: { 'fixed-version': '1.2.3-r1' } };

describe('wolfiFix', () => {
  it('keeps the fix version and time when a later event overrides the state', () => {
    const later = { timestamp: '2024-02-01T00:00:00Z', type: 'false-positive-determination' };
    expect(wolfiFix([detection, fixed, later])).toEqual({
      fixState: 'not-affected',
      fixedVersion: '1.2.3-r1',
      fixedAt: fixed.timestamp,
      published: detection.timestamp,
      modified: later.timestamp,
    });
  });

  it('orders events by time, not by their place in the file', () => {
    const planned = { timestamp: '2024-01-02T00:00:00Z', type: 'fix-not-planned' };
    expect(wolfiFix([fixed, planned, detection]).fixState).toBe('fixed');
    expect(wolfiFix([planned, detection]).fixState).toBe('wont-fix');
    expect(wolfiFix([{ ...detection, type: 'analysis-not-planned' }]).fixState).toBe('not-fixed');
  });
});
