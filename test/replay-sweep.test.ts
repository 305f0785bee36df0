/**
 * The replay sweep (match once, select by validity per day) answers exactly what a scan as of
 * the end of each day answers, on real dated data: Wolfi's advisories with their events, and the
 * Debian OSV records of history/debian.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAdvisoryDb } from '../src/advisory/db/reader.js';
import { replayDays } from '../src/history/replay.js';
import { scanInventory } from '../src/scan.js';
import { readSbomFile } from '../src/sbom-input/read-sbom-file.js';
import { endOfDay } from '../src/time/instant.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir();
afterAll(tmp.cleanup);

const daysOf = (from: string, count: number, step = 1) =>
  Array.from({ length: count }, (_, i) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + i * step * 86_400_000).toISOString().slice(0, 10),
  );

async function sameAsScans(db: string, sbom: string, days: string[]) {
  const inventory = (await readSbomFile(sbom))!;
  const reader = await openAdvisoryDb(db);
  try {
    const swept = await replayDays(inventory, reader, days);
    let nonEmpty = 0;
    for (const day of swept) {
      const scanned = await scanInventory(inventory, reader, { asOf: endOfDay(`${day.day}T00:00:00.000Z`) });
      expect(JSON.stringify([day.findings, day.summary]), day.day).toBe(
        JSON.stringify([scanned.findings, scanned.summary]),
      );
      if (day.summary.total > 0) nonEmpty++;
    }
    return nonEmpty;
  } finally {
    await reader.close();
  }
}

describe('replayDays equals a scan per day', () => {
  it('on the Wolfi python image of 2023-06-01, every 3rd day to 2025-05', async () => {
    const db = await buildDb(
      tmp.dir,
      [{ feed: 'wolfi-advisories', path: fixture('wolfi-advisories') }],
      'w.db',
    );
    const nonEmpty = await sameAsScans(
      db,
      fixture('history/wolfi/python/2023-06-01.cdx.json'),
      daysOf('2023-06-01', 240, 3),
    );
    expect(nonEmpty).toBeGreaterThan(10);
  }, 120_000);

  it('on the pinned Debian python image over 2024', async () => {
    const db = await buildDb(tmp.dir, [{ feed: 'osv', path: fixture('history/debian/osv') }], 'd.db');
    const nonEmpty = await sameAsScans(
      db,
      fixture('history/debian/python-bookworm-pinned-2023-06-10.cdx.json'),
      daysOf('2024-01-01', 366),
    );
    expect(nonEmpty).toBe(366);
  }, 120_000);

  it('keeps the order of the days asked and repeats a day asked twice', async () => {
    const db = join(tmp.dir, 'd.db');
    const inventory = (await readSbomFile(
      fixture('history/debian/python-bookworm-pinned-2023-06-10.cdx.json'),
    ))!;
    const reader = await openAdvisoryDb(db);
    const out = await replayDays(inventory, reader, ['2024-12-31', '2024-01-01', '2024-12-31']);
    await reader.close();
    expect(out.map((d) => d.day)).toEqual(['2024-12-31', '2024-01-01', '2024-12-31']);
    expect(out[0]!.summary.total).toBeGreaterThan(out[1]!.summary.total);
  });
});
