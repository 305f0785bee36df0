import { describe, expect, it } from 'vitest';
import { appliesToArch, formatRelation, parseRelations, versionSatisfies } from './relations.js';
import { dpkgScheme } from '../version/dpkg/dpkg.js';

describe('parseRelations', () => {
  it('reads groups, alternatives, versions, qualifiers and arch lists', () => {
    const groups = parseRelations(
      'libc6 (>= 2.34), python3:any (<< 3.12) | python3.11, foo [amd64 !i386], bar (> 1)',
    );
    expect(groups.map((g) => g.map(formatRelation))).toEqual([
      ['libc6 (>= 2.34)'],
      ['python3:any (<< 3.12)', 'python3.11'],
      ['foo'],
      ['bar (>= 1)'],
    ]);
    expect(groups[2]![0]!.archList).toEqual(['amd64', '!i386']);
    expect(parseRelations('')).toEqual([]);
    expect(() => parseRelations('libc6 (>= )')).toThrow(/not a package relation/);
  });

  it('applies arch lists and version operators', () => {
    const [[pos], [neg]] = parseRelations('a [amd64], b [!amd64]') as [[never], [never]];
    expect([appliesToArch(pos, 'amd64'), appliesToArch(pos, 'arm64')]).toEqual([true, false]);
    expect([appliesToArch(neg, 'amd64'), appliesToArch(neg, 'arm64')]).toEqual([false, true]);
    const cmp = dpkgScheme.compare;
    expect(versionSatisfies({ op: '>=', version: '1.0~rc1' }, '1.0', cmp)).toBe(true);
    expect(versionSatisfies({ op: '<<', version: '1:0' }, '9.9', cmp)).toBe(true);
    expect(versionSatisfies({ op: '=', version: '2-1' }, '2-1', cmp)).toBe(true);
    expect(versionSatisfies({ op: '>>', version: '2-1' }, '2-1', cmp)).toBe(false);
  });
});
