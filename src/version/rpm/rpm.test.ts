import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haveTool, rpmOrder } from '../oracle.test-helper.js';
import { expectVectorsPass } from '../vectors.test-helper.js';
import { rpmScheme } from './rpm.js';

describe('rpm scheme', () => {
  it('passes redhat-versions.txt', () => expectVectorsPass(rpmScheme, 'redhat-versions.txt'));

  it('refuses only empty and whitespace versions', () => {
    expect(rpmScheme.isValid('')).toBe(false);
    expect(rpmScheme.isValid('1 2')).toBe(false);
    expect(rpmScheme.isValid('+2-:')).toBe(true);
  });

  // tokens chosen to hit every rule: ~ and ^, digits against letters, separators, leading zeros
  const token = fc.constantFrom(
    '0',
    '1',
    '2',
    '10',
    '01',
    'a',
    'b',
    'Z',
    'el',
    '~',
    '^',
    '.',
    '_',
    '+',
    'rc',
    'git',
  );
  const piece = fc.array(token, { maxLength: 5 }).map((t) => t.join(''));
  const epoch = fc.constantFrom('', '', '', '0:', '1:', '2:', '01:', ':');
  const release = fc.option(
    piece.map((p) => `-${p}`),
    { nil: '' },
  );
  const version = fc
    .tuple(epoch, fc.constantFrom('0', '1', '2', '10'), piece, release)
    .map(([e, h, v, r]) => e + h + v + r);
  const pair = fc.oneof(
    fc.tuple(version, version),
    fc.tuple(version, piece, piece).map(([v, x, y]): [string, string] => [v + x, v + y]),
  );

  it.skipIf(!haveTool('rpm'))('agrees with rpm.vercmp on 5,000 generated pairs', () => {
    const seed = Date.now();
    const pairs = fc.sample(pair, { numRuns: 5000, seed });
    const want = rpmOrder(pairs);
    const diffs = pairs
      .map(([a, b], i) => ({ a, b, want: want[i], got: rpmScheme.compare(a, b) }))
      .filter((d) => d.want !== d.got);
    expect(diffs.slice(0, 20), `seed ${seed}`).toEqual([]);
  });
});
