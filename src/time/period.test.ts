import { describe, expect, it } from 'vitest';
import { periodSeconds } from './period.js';

describe('periodSeconds', () => {
  it('reads seconds, minutes, hours and days; refuses less than a minute and anything else', () => {
    expect(periodSeconds('30m')).toBe(1_800);
    expect(periodSeconds(' 24h ')).toBe(86_400);
    expect(periodSeconds('7d')).toBe(604_800);
    expect(periodSeconds('60s')).toBe(60);
    expect(periodSeconds('59s')).toBeUndefined();
    expect(periodSeconds('6x')).toBeUndefined();
    expect(periodSeconds('1.5h')).toBeUndefined();
  });
});
