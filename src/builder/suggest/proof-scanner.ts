/**
 * One advisory DB and one day list for every image a suggestion compares (the original, the
 * suggestion, the reachable counterparts): each is scanned today and replayed over the year to the
 * DB's build day under the default counting rules (docs/counting.md), so their numbers are
 * comparable.
 */
import { existsSync } from 'node:fs';
import { openAdvisoryDb, type AdvisoryDbReader } from '../../advisory/db/index.js';
import { defaultDbPath } from '../../advisory/db/paths.js';
import type { Inventory } from '../../catalog/types.js';
import { accumulation, dailyAverage } from '../../history/accumulation.js';
import { replayDays } from '../../history/replay.js';
import type { Finding } from '../../match/types.js';
import { scanInventory } from '../../scan.js';
import type { ImageProof } from './image-proof.js';

/** One image scanned: today's counts and findings, and its year where the DB has dated records. */
export interface ScannedImage {
  today: NonNullable<ImageProof['today']>;
  findings: readonly Finding[];
  /** the year replayed: read only when some record had a date (`dated`) */
  year: NonNullable<ImageProof['lastYear']>;
  /** whether any record counted over the year had a real date */
  dated: boolean;
}

/** The 365 days ending on `last` (YYYY-MM-DD), oldest first. */
function yearTo(last: string): string[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: 365 }, (_, i) =>
    new Date(end - (364 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/** The shared DB of a suggestion's scans. */
export class ProofScanner {
  private constructor(
    readonly dbPath: string,
    readonly builtAt: string,
    readonly days: readonly string[],
    private readonly reader: AdvisoryDbReader,
    private readonly now: Date,
  ) {}

  /** Opens the DB; a string says why there is none (then nothing is scanned). */
  static async open(db?: string): Promise<ProofScanner | string> {
    const dbPath = db ?? defaultDbPath();
    if (!/^postgres(ql)?:\/\//.test(dbPath) && !existsSync(dbPath))
      return `no scan: no advisory DB at ${dbPath} (cleanroom db update makes one)`;
    const reader = await openAdvisoryDb(dbPath);
    const meta = await reader.meta();
    return new ProofScanner(dbPath, meta.builtAt, yearTo(meta.builtAt.slice(0, 10)), reader, new Date());
  }

  /** Scans an inventory today and replays its year. */
  async scan(inventory: Inventory): Promise<ScannedImage> {
    const result = await scanInventory(inventory, this.reader, { now: this.now });
    const today = {
      bySeverity: result.summary.bySeverity,
      total: result.summary.total,
      ids: [...new Set(result.findings.map((f) => f.vulnerability))].sort(),
    };
    const replay = await replayDays(inventory, this.reader, this.days);
    return {
      today,
      findings: result.findings,
      year: {
        from: this.days[0]!,
        to: this.days.at(-1)!,
        accumulated: accumulation(replay).at(-1) ?? 0,
        dailyAverage: dailyAverage(replay.map((d) => ({ total: d.summary.total }))),
      },
      dated: replay.some((d) => d.coverage.dated > 0),
    };
  }

  async close(): Promise<void> {
    await this.reader.close();
  }
}
