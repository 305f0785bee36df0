import { describe, expect, it } from 'vitest';
import { expectVectorsPass } from '../vectors.test-helper.js';
import { pep440Scheme } from './pep440.js';

describe('pep440 scheme', () => {
  it('passes pypi-versions.txt', () => expectVectorsPass(pep440Scheme, 'pypi-versions.txt'));
  it('passes pypi-versions-generated.txt', () =>
    expectVectorsPass(pep440Scheme, 'pypi-versions-generated.txt'));

  it('orders legacy versions before PEP 440 ones, and among themselves', () => {
    expect(pep440Scheme.compare('0.1-bulbasaur', '0.0.1')).toBe(-1);
    expect(pep440Scheme.compare('2004d', '2004e')).toBe(-1);
    expect(pep440Scheme.isValid('')).toBe(false);
  });
});
