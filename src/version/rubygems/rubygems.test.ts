import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectVectorsPass } from '../vectors.test-helper.js';
import { rubygemsScheme } from './rubygems.js';

/** Ruby's own Gem::Version order of each pair (Debian's ruby, installed by .ci/run). */
function rubyOrder(pairs: [string, string][]): number[] {
  const script =
    'STDIN.each_line { |l| a, b = l.chomp.split(" ", 2); puts(Gem::Version.new(a) <=> Gem::Version.new(b)) }';
  const out = spawnSync('ruby', ['-e', script], {
    input: pairs.map((p) => p.join(' ')).join('\n') + '\n',
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`ruby failed: ${out.stderr}`);
  return out.stdout.trim().split('\n').map(Number);
}

const part = fc.oneof(
  fc.integer({ min: 0, max: 12 }).map(String),
  fc.constantFrom('0', '00', 'a', 'b', 'pre', 'rc', 'beta', 'alpha', 'rc1', 'b2', 'a10'),
);
const version = fc
  .tuple(
    fc.integer({ min: 0, max: 5 }),
    fc.array(part, { maxLength: 5 }),
    fc.option(fc.constantFrom('-beta', '-rc.1', '-1'), { nil: '' }),
  )
  .map(([head, rest, suffix]) => [String(head), ...rest].join('.') + suffix);

describe('rubygems scheme', () => {
  // the vectors come from OSV's comparator, which reads `1beta` as `1.beta` where Ruby refuses it
  it('passes rubygems-versions.txt', () => expectVectorsPass(rubygemsScheme, 'rubygems-versions.txt'));
  it('passes rubygems-versions-generated.txt', () =>
    expectVectorsPass(rubygemsScheme, 'rubygems-versions-generated.txt'));

  it("orders generated versions as Ruby's Gem::Version does", () => {
    const pairs = fc.sample(fc.tuple(version, version), { numRuns: 3000, seed: 42 });
    const want = rubyOrder(pairs);
    const wrong = pairs.filter(([a, b], i) => rubygemsScheme.compare(a, b) !== want[i]);
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('refuses what RubyGems refuses', () => {
    expect(rubygemsScheme.isValid('1.0.0.rc1')).toBe(true);
    expect(rubygemsScheme.isValid('junk')).toBe(false);
    expect(() => rubygemsScheme.compare('junk', '1')).toThrow(/not a valid rubygems version/);
  });
});
