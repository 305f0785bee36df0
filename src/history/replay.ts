/**
 * Replay: what the advisories said about one inventory on each of many days. Each day is
 * matched as of the END of that UTC day (docs/counting.md).
 */
import type { AdvisoryDbReader } from '../advisory/db/types.js';
import type { Inventory } from '../catalog/types.js';
import type { CountingRules, Finding, Summary } from '../match/types.js';
import type { VexDocumentStatement } from '../match/vex/index.js';
import { scanInventory } from '../scan.js';
import { endOfDay } from '../time/instant.js';

/** One replayed day: the counts and the counted ids (by the rules' count unit). */
export interface ReplayDay {
  /** YYYY-MM-DD (UTC) */
  day: string;
  /** the instant matched as of: the end of the day */
  asOf: string;
  summary: Summary;
  /** the distinct counted vulnerability ids, sorted */
  ids: string[];
  findings: Finding[];
}

export interface ReplayOptions {
  rules?: Partial<CountingRules>;
  vex?: readonly VexDocumentStatement[];
}

/** Replays one inventory over the given days (YYYY-MM-DD, any order): one result per day, in order given. */
export async function replayDays(
  inventory: Inventory,
  reader: AdvisoryDbReader,
  days: readonly string[],
  options: ReplayOptions = {},
): Promise<ReplayDay[]> {
  const out: ReplayDay[] = [];
  for (const day of days) {
    const asOf = endOfDay(`${day}T00:00:00.000Z`);
    const result = await scanInventory(inventory, reader, { ...options, asOf });
    const ids = [...new Set(result.findings.map((f) => f.vulnerability))].sort();
    out.push({ day, asOf, summary: result.summary, ids, findings: result.findings });
  }
  return out;
}
