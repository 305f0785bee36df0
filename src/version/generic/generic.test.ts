import { describe, expect, it } from 'vitest';
import { genericScheme } from './generic.js';

describe('generic scheme', () => {
  it('orders numbers by value and a longer version after its prefix', () => {
    const ordered = ['1.2', '1.2.0', '1.10', '1.10a', '1.10.1', '2', '10'];
    for (let i = 1; i < ordered.length; i++)
      expect(genericScheme.compare(ordered[i - 1]!, ordered[i]!)).toBe(-1);
  });

  it('keeps distinct strings distinct', () => {
    expect(genericScheme.compare('1.0', '1-0')).not.toBe(0);
    expect(genericScheme.compare('1-0', '1.0')).toBe(-genericScheme.compare('1.0', '1-0'));
    expect(genericScheme.compare('1.0', '1.0')).toBe(0);
  });
});
