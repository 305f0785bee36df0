import { describe, expect, it } from 'vitest';
import type { VersionRange } from '../advisory/types.js';
import { InvalidVersionError } from './types.js';
import { isAffected } from './range.js';

const eco = (...events: VersionRange['events']): VersionRange => ({ type: 'ECOSYSTEM', events });

describe('isAffected (OSV ranges)', () => {
  it('treats introduced "0" as from the start and fixed as exclusive', () => {
    const r = [eco({ introduced: '0' }, { fixed: '1.2.3-r1' })];
    expect(isAffected('apk', '0.1-r0', r)).toBe(true);
    expect(isAffected('apk', '1.2.3-r0', r)).toBe(true);
    expect(isAffected('apk', '1.2.3-r1', r)).toBe(false);
    expect(isAffected('apk', '1.3-r0', r)).toBe(false);
  });

  it('includes last_affected itself and nothing after it', () => {
    const r = [eco({ introduced: '1.0' }, { last_affected: '1.4' })];
    expect(isAffected('pep440', '0.9', r)).toBe(false);
    expect(isAffected('pep440', '1.0', r)).toBe(true);
    expect(isAffected('pep440', '1.4', r)).toBe(true);
    expect(isAffected('pep440', '1.4.post1', r)).toBe(false);
  });

  it('sorts events by version before walking them, so several pairs in any order work', () => {
    // 1.0 <= v < 1.5 and 2.0 <= v < 2.3, listed out of order
    const r = [eco({ fixed: '2.3.0' }, { introduced: '1.0.0' }, { fixed: '1.5.0' }, { introduced: '2.0.0' })];
    const want: Record<string, boolean> = {
      '0.9.0': false,
      '1.0.0': true,
      '1.4.9': true,
      '1.5.0': false,
      '1.9.9': false,
      '2.0.0': true,
      '2.2.9': true,
      '2.3.0': false,
      '3.0.0': false,
    };
    for (const [v, affected] of Object.entries(want)) expect(isAffected('npm', v, r), v).toBe(affected);
  });

  it('leaves an open range open and bounds it with limit', () => {
    expect(isAffected('dpkg', '9:1.0-1', [eco({ introduced: '1:2.0' })])).toBe(true);
    const limited = [eco({ introduced: '0' }, { limit: '2.0' })];
    expect(isAffected('dpkg', '1.9', limited)).toBe(true);
    expect(isAffected('dpkg', '2.0', limited)).toBe(false);
  });

  it('uses the semver scheme for SEMVER ranges, skips GIT ranges, and honours explicit versions', () => {
    const semverRange: VersionRange = { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.10.0' }] };
    expect(isAffected('generic', '1.9.0', [semverRange])).toBe(true);
    expect(isAffected('go', 'v1.9.0', [{ type: 'GIT', events: [{ introduced: '0' }] }])).toBe(false);
    expect(isAffected('maven', '1.0.FINAL', [], ['1.0'])).toBe(true);
    expect(isAffected('maven', '1.1', [], ['1.0'])).toBe(false);
  });

  it('throws InvalidVersionError for a version the scheme cannot read', () => {
    expect(() => isAffected('dpkg', '1:', [eco({ introduced: '1.0' })])).toThrow(InvalidVersionError);
  });
});
