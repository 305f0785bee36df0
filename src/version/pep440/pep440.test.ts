import { compare } from '@renovatebot/pep440';
import fc from 'fast-check';
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

  // @renovatebot/pep440's own compare is the oracle for the key we build from its parse
  const part = (p: string) =>
    fc.option(
      fc.nat(3).map((n) => `${p}${n}`),
      { nil: '' },
    );
  const pep = fc
    .tuple(
      fc.constantFrom('', '', '1!'),
      fc.array(fc.nat(3), { minLength: 1, maxLength: 4 }),
      fc.constantFrom('', 'a', 'b', 'rc', 'c', 'alpha', 'preview'),
      part('.post'),
      part('.dev'),
      fc.constantFrom('', '+local', '+1.a', '+a.1', '+1'),
    )
    .map(
      ([e, rel, pre, post, dev, local]) => `${e}${rel.join('.')}${pre ? `${pre}1` : ''}${post}${dev}${local}`,
    );

  it('agrees with @renovatebot/pep440 compare on generated versions', () => {
    fc.assert(
      fc.property(pep, pep, (a, b) => {
        expect(pep440Scheme.compare(a, b)).toBe(Math.sign(compare(a, b)));
      }),
      { numRuns: 5000 },
    );
  });
});
