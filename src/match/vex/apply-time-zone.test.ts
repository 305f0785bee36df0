/**
 * A VEX statement time without a zone is UTC (src/time/instant.ts), whatever the host's zone: the
 * latest statement wins, and which is latest must not depend on TZ.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { alpineFindings } from './__fixtures__/alpine-findings.js';
import { applyVex } from './apply.js';
import type { VexDocumentStatement } from './types.js';

const product = [{ id: 'pkg:apk/alpine/libssl1.1@1.1.1b-r1', subcomponents: [] }];
// 11:00 without a zone is 11:00 UTC: earlier than the affected statement of 12:00Z, so affected
// wins. Read as New York time it would be 15:00 UTC, and not_affected would win.
const statements: VexDocumentStatement[] = [
  {
    vulnerability: 'CVE-2019-1549',
    aliases: [],
    products: product,
    status: 'not_affected',
    justification: 'component_not_present',
    source: 'a.vex.json',
    timestamp: '2024-05-15T11:00:00',
  },
  {
    vulnerability: 'CVE-2019-1549',
    aliases: [],
    products: product,
    status: 'affected',
    source: 'b.vex.json',
    timestamp: '2024-05-15T12:00:00Z',
  },
];

const original = process.env.TZ;
afterEach(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

describe('VEX statement times', () => {
  it('give the same outcome under three time zones', () => {
    const outcomes = ['UTC', 'America/New_York', 'Asia/Tokyo'].map((tz) => {
      process.env.TZ = tz;
      const { kept, suppressed } = applyVex(alpineFindings(), statements);
      return { kept: kept.length, suppressed: suppressed.map((f) => f.vulnerability) };
    });
    expect(outcomes[0]!.suppressed).toEqual([]);
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
  });
});
