import { describe, expect, it } from 'vitest';
import { goScheme } from './go.js';

describe('go scheme', () => {
  it('orders pseudo-versions by their timestamp and before the release they precede', () => {
    const ordered = [
      'v0.0.0-20191109021931-daa7c04131f5',
      'v0.0.0-20200101000000-aaaaaaaaaaaa',
      'v0.1.0',
      'v1.2.3',
      'v1.2.4-0.20191109021931-daa7c04131f5',
      'v1.2.4',
    ];
    for (let i = 1; i < ordered.length; i++) expect(goScheme.compare(ordered[i - 1]!, ordered[i]!)).toBe(-1);
  });

  it('ignores +incompatible and the v prefix', () => {
    expect(goScheme.compare('v2.0.0+incompatible', '2.0.0')).toBe(0);
    expect(goScheme.compare('v2.1.0+incompatible', 'v2.0.0')).toBe(1);
  });
});
