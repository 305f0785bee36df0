import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dpkgOrder, haveTool } from '../oracle.test-helper.js';
import { expectVectorsPass } from '../vectors.test-helper.js';
import { dpkgScheme } from './dpkg.js';

describe('dpkg scheme', () => {
  it('passes debian-versions.txt', () => expectVectorsPass(dpkgScheme, 'debian-versions.txt'));
  it('passes debian-versions-generated.txt', () =>
    expectVectorsPass(dpkgScheme, 'debian-versions-generated.txt'));

  it('rejects what dpkg rejects', () => {
    for (const bad of ['', '1:', ':1', 'a:1', '1.0-', '1.0-a_b', '1 0', '1:-1']) {
      expect(dpkgScheme.isValid(bad), bad).toBe(false);
    }
    for (const good of ['1', '1:1.0-1', '1.0~rc1+dfsg-1~deb12u1', '2:1.0-1-2', '1:2:3']) {
      expect(dpkgScheme.isValid(good), good).toBe(true);
    }
  });

  // tokens chosen to hit every rule: tilde before end, letters before symbols, leading zeros
  const token = fc.constantFrom(
    '0',
    '1',
    '2',
    '9',
    '10',
    '01',
    '00',
    'a',
    'b',
    'Z',
    '~',
    '~~',
    '+',
    '.',
    'rc',
    'git',
  );
  const piece = fc.array(token, { maxLength: 5 }).map((t) => t.join(''));
  const revision = fc.option(
    fc.tuple(fc.constantFrom('0', '1', '2', 'a'), piece).map(([h, t]) => `-${h}${t.replace(/-/g, '')}`),
    { nil: '' },
  );
  const epoch = fc.constantFrom('', '', '', '0:', '1:', '2:', '01:');
  const upstream = fc.tuple(fc.constantFrom('0', '1', '2', '10'), piece).map(([h, t]) => h + t);
  const version = fc.tuple(epoch, upstream, revision).map(([e, u, r]) => e + u + r);
  // pairs that share a prefix are where the interesting decisions happen
  const pair = fc.oneof(
    fc.tuple(version, version),
    fc.tuple(version, piece, piece).map(([v, x, y]): [string, string] => [v + x, v + y]),
  );

  it.skipIf(!haveTool('dpkg'))('agrees with dpkg --compare-versions on 2,000 generated pairs', async () => {
    const seed = Date.now();
    const pairs = fc
      .sample(pair, { numRuns: 2000, seed })
      .filter(([a, b]) => dpkgScheme.isValid(a) && dpkgScheme.isValid(b));
    expect(pairs.length).toBeGreaterThan(1500);
    const want = await dpkgOrder(pairs);
    const diffs = pairs
      .map(([a, b], i) => ({ a, b, want: want[i], got: dpkgScheme.compare(a, b) }))
      .filter((d) => d.want !== d.got);
    expect(diffs, `seed ${seed}`).toEqual([]);
  });
});
