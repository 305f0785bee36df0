import { describe, expect, it } from 'vitest';
import { expectVectorsPass } from '../vectors.test-helper.js';
import { mavenScheme } from './maven.js';

describe('maven scheme', () => {
  it('passes maven-versions.txt', () => expectVectorsPass(mavenScheme, 'maven-versions.txt'));
  it('passes maven-versions-generated.txt', () =>
    expectVectorsPass(mavenScheme, 'maven-versions-generated.txt'));

  it('orders the qualifiers as the Maven docs list them', () => {
    const order = [
      '1-alpha',
      '1-beta',
      '1-milestone',
      '1-rc',
      '1-snapshot',
      '1',
      '1-sp',
      '1-abc',
      '1-1',
      '1.1',
    ];
    for (let i = 1; i < order.length; i++)
      expect(mavenScheme.compare(order[i - 1]!, order[i]!), order[i]).toBe(-1);
    expect(mavenScheme.compare('1-cr', '1-rc')).toBe(0);
    expect(mavenScheme.compare('1.0.final', '1-ga')).toBe(0);
  });
});
