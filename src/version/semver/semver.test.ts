import fc from 'fast-check';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { expectVectorsPass } from '../vectors.test-helper.js';
import { semverScheme } from './semver.js';

describe('semver scheme', () => {
  it('passes semver-versions.txt', () => expectVectorsPass(semverScheme, 'semver-versions.txt'));

  it('refuses what is not a version', () => {
    for (const bad of ['', 'x', '1.2.3-', '1.2.3-a..b', '1.2.3+', '1.2.3 x', 'v', '1.2.3-a_b']) {
      expect(semverScheme.isValid(bad), bad).toBe(false);
    }
  });

  // the npm `semver` package is the oracle on strict versions (small numbers, valid identifiers)
  const ident = fc.oneof(
    fc.constantFrom('0', '1', '2', '10', '01x', 'a', 'alpha', 'beta', 'rc', 'B', 'x-y'),
    fc.nat(30).map(String),
  );
  const strict = fc
    .tuple(fc.nat(3), fc.nat(3), fc.nat(12), fc.array(ident, { maxLength: 3 }), fc.boolean())
    .map(
      ([ma, mi, pa, pre, v]) => `${v ? 'v' : ''}${ma}.${mi}.${pa}${pre.length ? `-${pre.join('.')}` : ''}`,
    );

  it('agrees with the semver package on generated strict versions', () => {
    fc.assert(
      fc.property(strict, strict, (a, b) => {
        expect(semverScheme.compare(a, b)).toBe(semver.compare(a, b));
      }),
      { numRuns: 5000 },
    );
  });
});
