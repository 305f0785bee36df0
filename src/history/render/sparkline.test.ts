import { describe, expect, it } from 'vitest';
import { sparkline } from './sparkline.js';

describe('sparkline', () => {
  it('scales from zero to the highest value and leaves gaps blank', () => {
    expect(sparkline([0, 7, null, 14])).toBe('▁▅ █');
  });
  it('folds long ranges into the width, keeping the highest day of each column', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6], 3)).toBe('▃▆█');
  });
  it('draws all-zero series at the lowest block', () => {
    expect(sparkline([0, 0])).toBe('▁▁');
  });
});
