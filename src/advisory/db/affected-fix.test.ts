import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRow } from '../../match/evaluate.js';
import type { Advisory, Affected, FixState, RangeEvent, VersionRange } from '../types.js';
import { affectedDetail, rangesImplied } from './affected-fix.js';
import { AFFECTED_COLUMNS, affectedRecord } from './merge.js';
import { advisoryRows } from './rows.js';
import type { AffectedRecord } from './types.js';

const times = { now: '2026-01-01T00:00:00.000Z', fetchedAt: '2026-01-01T00:00:00.000Z' };

function advisory(affected: Affected): Advisory {
  return {
    id: 'CVE-2024-0001',
    aliases: [],
    modified: times.now,
    severities: [],
    affected: [affected],
    feed: 'test',
  };
}

/** The affected row as stored and read back by a lookup. */
function storedAndRead(affected: Affected): AffectedRecord {
  const [row] = advisoryRows(advisory(affected), 'r1', 'test', times).affected;
  return affectedRecord(
    affected.ecosystem,
    AFFECTED_COLUMNS.map((c) => row![c]),
  );
}

const VERSIONS = ['0', '0.9-1', '1.0~rc1-1', '1.0-1', '1.0-1+deb12u1', '1.2-1', '2.0-1', '1:0.5-1'];
const version = fc.constantFrom(...VERSIONS);
const fixState = fc.constantFrom<FixState>('fixed', 'not-fixed', 'wont-fix', 'not-affected');
const ecosystemRange = (...events: RangeEvent[]): VersionRange => ({ type: 'ECOSYSTEM', events });
const range: fc.Arbitrary<VersionRange> = fc.oneof(
  fc
    .constantFrom<VersionRange['type']>('ECOSYSTEM', 'SEMVER', 'GIT')
    .map((type): VersionRange => ({ type, events: [{ introduced: '0' }] })),
  version.map((f) => ecosystemRange({ introduced: '0' }, { fixed: f })),
  version.map((f) => ecosystemRange({ fixed: f }, { introduced: '0' })),
  fc.tuple(version, version).map(([a, f]) => ecosystemRange({ introduced: a }, { fixed: f })),
  version.map((l) => ecosystemRange({ introduced: '0' }, { last_affected: l })),
);
const affectedArb: fc.Arbitrary<Affected> = fc.record(
  {
    ecosystem: fc.constant('Debian:12'),
    package: fc.constant('openssl'),
    ranges: fc.array(range, { maxLength: 2 }),
    versions: fc.array(version, { maxLength: 2 }),
    fixState,
    fixedVersion: version,
    fixedAt: fc.constantFrom('2024-01-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z'),
  },
  { requiredKeys: ['ecosystem', 'package', 'ranges', 'fixState'] },
);

describe('the stored form of an affected package', () => {
  it('gives the same verdict as the full ranges for every version, state and as-of time', () => {
    fc.assert(
      fc.property(
        affectedArb,
        version,
        fc.option(fc.constantFrom('2024-06-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'), {
          nil: undefined,
        }),
        (affected, installed, asOf) => {
          const full = { ...storedAndRead(affected), ranges: affected.ranges, versions: affected.versions };
          expect(evaluateRow(storedAndRead(affected), installed, 'dpkg', asOf)).toEqual(
            evaluateRow(full, installed, 'dpkg', asOf),
          );
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('keeps a distro fix as its fixed version alone, and ranges that say more as they are', () => {
    const belowFix: Affected = {
      ecosystem: 'Alpine:v3.9',
      package: 'musl',
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1.20-r5' }] }],
      fixState: 'fixed',
      fixedVersion: '1.1.20-r5',
    };
    expect(rangesImplied(belowFix)).toBe(true);
    expect(affectedDetail(belowFix)).toBeNull();
    expect(storedAndRead(belowFix)).toMatchObject({
      ranges: [],
      fixedVersion: '1.1.20-r5',
      fixState: 'fixed',
    });

    const semver: Affected = {
      ...belowFix,
      ecosystem: 'Go',
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.6.0' }] }],
      fixedVersion: '1.6.0',
    };
    expect(affectedDetail(semver)).not.toBeNull();
    expect(storedAndRead(semver).ranges).toEqual(semver.ranges);

    const notAffectedBelow: Affected = { ...belowFix, fixState: 'not-affected' };
    expect(rangesImplied(notAffectedBelow)).toBe(false);
    expect(storedAndRead({ ...belowFix, versions: ['1.1.20-r4'] }).versions).toEqual(['1.1.20-r4']);
  });
});
