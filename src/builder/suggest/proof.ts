/**
 * The proof of a suggestion: both images scanned with the same advisory DB under the default
 * counting rules (docs/counting.md): packages, size, CVEs today by severity; the last year
 * replayed for both (history/replay.ts) where the DB has dated records, otherwise today only, said
 * so; the hours and money the difference is worth at the report's assumptions (`avoidedOf` of
 * history/resolved/roi.ts, 3 h per CVE at 100 USD an hour by default).
 */
import { existsSync } from 'node:fs';
import { openAdvisoryDb } from '../../advisory/db/index.js';
import { defaultDbPath } from '../../advisory/db/paths.js';
import type { Severity } from '../../advisory/types.js';
import type { Inventory } from '../../catalog/types.js';
import { accumulation, dailyAverage } from '../../history/accumulation.js';
import { replayDays } from '../../history/replay.js';
import {
  avoidedOf,
  DEFAULT_ASSUMPTIONS,
  type RoiAssumptions,
  type Saved,
} from '../../history/resolved/roi.js';
import { openSource } from '../../image/index.js';
import { inventoryOf, scanInventory } from '../../scan.js';

/** One image's side of the proof. */
export interface ImageProof {
  packages: number;
  /** compressed size: config and layer blobs */
  sizeBytes?: number;
  today?: { bySeverity: Record<Severity, number>; total: number; ids: string[] };
  lastYear?: { from: string; to: string; accumulated: number; dailyAverage: number | null };
}

/** Both sides and what the difference is worth. */
export interface Proof {
  db?: { path: string; builtAt: string };
  /** `today and the last year` or `today only` (and why) or why there is no scan at all */
  span: string;
  original: ImageProof;
  suggested: ImageProof;
  /** avoided by the suggestion, valued at the assumptions */
  avoided?: { today: Saved; lastYear?: Saved };
  assumptions: RoiAssumptions;
  /** whether every finding of the suggestion is one of the original's (same vulnerability, same package) */
  subset?: boolean;
}

const debs = (i: Inventory) => i.packages.filter((p) => p.type === 'deb').length;

/** The 365 days ending on `last` (YYYY-MM-DD), oldest first. */
function yearTo(last: string): string[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: 365 }, (_, i) =>
    new Date(end - (364 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/** Scans both images with one DB and values the difference. */
export async function prove(input: {
  originalInventory: Inventory;
  suggested: string;
  originalSize?: number;
  db?: string;
}): Promise<Proof> {
  const suggestedInventory = await inventoryOf(input.suggested);
  const opened = await openSource(input.suggested);
  const suggestedSize = opened.kind === 'image' ? opened.sizeBytes : undefined;
  await opened.close();
  const original: ImageProof = { packages: debs(input.originalInventory), sizeBytes: input.originalSize };
  const suggested: ImageProof = { packages: debs(suggestedInventory), sizeBytes: suggestedSize };
  const dbPath = input.db ?? defaultDbPath();
  if (!/^postgres(ql)?:\/\//.test(dbPath) && !existsSync(dbPath))
    return {
      span: `no scan: no advisory DB at ${dbPath} (cleanroom db update makes one)`,
      original,
      suggested,
      assumptions: DEFAULT_ASSUMPTIONS,
    };
  const reader = await openAdvisoryDb(dbPath);
  try {
    const meta = await reader.meta();
    const now = new Date();
    const [a, b] = await Promise.all(
      [input.originalInventory, suggestedInventory].map((inv) => scanInventory(inv, reader, { now })),
    );
    for (const [side, result] of [
      [original, a!],
      [suggested, b!],
    ] as const)
      side.today = {
        bySeverity: result.summary.bySeverity,
        total: result.summary.total,
        ids: [...new Set(result.findings.map((f) => f.vulnerability))].sort(),
      };
    const key = (f: { vulnerability: string; package: { name: string } }) =>
      `${f.vulnerability}\0${f.package.name}`;
    const originalKeys = new Set(a!.findings.map(key));
    const subset = b!.findings.every((f) => originalKeys.has(key(f)));
    const days = yearTo(meta.builtAt.slice(0, 10));
    const [ra, rb] = await Promise.all(
      [input.originalInventory, suggestedInventory].map((inv) => replayDays(inv, reader, days)),
    );
    const dated = [...ra!, ...rb!].some((d) => d.coverage.dated > 0);
    const avoided: NonNullable<Proof['avoided']> = {
      today: avoidedOf(suggested.today!.total, original.today!.total),
    };
    let span = `today only: the DB has no dated record for these packages, so the last year cannot be replayed`;
    if (dated) {
      for (const [side, replay] of [
        [original, ra!],
        [suggested, rb!],
      ] as const)
        side.lastYear = {
          from: days[0]!,
          to: days.at(-1)!,
          accumulated: accumulation(replay).at(-1) ?? 0,
          dailyAverage: dailyAverage(replay.map((d) => ({ total: d.summary.total }))),
        };
      avoided.lastYear = avoidedOf(suggested.lastYear!.accumulated, original.lastYear!.accumulated);
      span = `today and the year to ${days.at(-1)} (replayed as the DB knew each day)`;
    }
    return {
      db: { path: dbPath, builtAt: meta.builtAt },
      span,
      original,
      suggested,
      avoided,
      assumptions: DEFAULT_ASSUMPTIONS,
      subset,
    };
  } finally {
    await reader.close();
  }
}
