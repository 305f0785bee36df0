/**
 * Replay: what the advisories said about one inventory on each of many days, each day matched as
 * of the END of that UTC day (docs/counting.md). The inventory is matched ONCE against every row
 * of every time (each match knows when it held); the days are then swept, and the findings are
 * merged again only on days where something changed (a row began or ended, a KEV entry or a VEX
 * statement came): a year costs one match and a few dozen merges, not 365 scans.
 */
import type { AdvisoryDbReader } from '../advisory/db/types.js';
import type { Inventory } from '../catalog/types.js';
import type { Warning } from '../errors.js';
import { concludeFindings } from '../match/conclude.js';
import { DEFAULT_RULES } from '../match/counting.js';
import { loadEnrichment, mergeFindings, type MergeMemo } from '../match/findings.js';
import type { ChosenSeverity } from '../match/severity-rule.js';
import { heldAt, matchInventoryOverTime, type TimedMatch } from '../match/match-inventory.js';
import type { CountingRules, Finding, Summary } from '../match/types.js';
import { imageIdentities, type VexDocumentStatement } from '../match/vex/index.js';
import { endOfDay, parseFeedTime } from '../time/instant.js';
import { checkpoint, currentSignal } from '../cancel.js';

/** One replayed day: the counts and the counted ids (by the rules' count unit). */
export interface ReplayDay {
  /** YYYY-MM-DD (UTC) */
  day: string;
  /** the instant matched as of: the end of the day */
  asOf: string;
  summary: Summary;
  /** the distinct vulnerability ids counted in the total, sorted */
  ids: string[];
  /** the counted findings, sorted (shared between days on which nothing changed: do not mutate) */
  findings: Finding[];
  /** the findings VEX statements known that day suppressed (not the feeds' not-affected) */
  vexSuppressed: Finding[];
  /** how much of what was matched had a real date (docs/counting.md "Coverage") */
  coverage: Coverage;
}

/**
 * The share of the matched records of a day whose "known from" is a real date (the feed's event,
 * the publication, an alias's, a build that saw the content change) rather than the build that
 * first saw the record. `lowerBound`: a record the DB first saw later would affect the image, and
 * its true date is unknown: the day's count may be too low.
 */
export interface Coverage {
  records: number;
  dated: number;
  lowerBound: boolean;
}

export interface ReplayOptions {
  rules?: Partial<CountingRules>;
  vex?: readonly VexDocumentStatement[];
  /** per-row warnings (versions a scheme cannot compare), once per replay */
  onWarning?: (warning: Warning) => void;
  /** stops the replay (throws its reason) once aborted; default: the ambient one (src/cancel.ts) */
  signal?: AbortSignal;
  /**
   * the match of this inventory against the DB, kept under `key` (its digest) for the next replay
   * of the same inventory against the same reader: both lenses of a tag match each digest once
   */
  prepared?: { cache: Map<string, PreparedReplay>; key: string };
}

/** What a replay matches before it sweeps the days: the same for every day and every lens. */
export interface PreparedReplay {
  matches: TimedMatch[];
  warnings: Warning[];
  enrichment: Awaited<ReturnType<typeof loadEnrichment>>;
  /** the inventory it was prepared from (not read and parsed again by the next lens or tag) */
  inventory: Inventory;
  /** every instant at which a match begins or ends or a KEV entry comes, sorted */
  changes: string[];
  /** when each undated record began to affect the image, sorted (coverage's lower bound) */
  undatedFrom: string[];
  /** each match's record (feed, advisory, package) and whether its known-from is a real date */
  records: { key: string; dated: boolean }[];
  /** merges and severity choices made so far: the same groups are not merged again by the next sweep */
  memo: MergeMemo;
  severities: Map<string, ChosenSeverity>;
}

/** Matches an inventory against every row of every time, once, for any number of sweeps. */
async function prepareReplay(inventory: Inventory, db: AdvisoryDbReader): Promise<PreparedReplay> {
  const { matches, warnings } = await matchInventoryOverTime(inventory, db);
  const enrichment = await loadEnrichment(matches, db);
  return {
    matches,
    warnings,
    enrichment,
    inventory,
    changes: [
      ...matches.flatMap((m) => (m.to === undefined ? [m.from] : [m.from, m.to])),
      ...enrichment.kev.values(),
    ].sort(),
    undatedFrom: matches
      .filter(
        (m) =>
          m.verdict === 'affected' && m.row.knownFromSource === 'first-build' && m.from === m.row.knownFrom,
      )
      .map((m) => m.from)
      .sort(),
    records: matches.map((m) => ({
      key: `${m.row.feed}\0${m.row.advisoryId}\0${m.row.package}`,
      dated: m.row.knownFromSource !== 'first-build',
    })),
    memo: new Map(),
    severities: new Map(),
  };
}

/** Replays one inventory over the given days (YYYY-MM-DD, any order): one result per day, in the order given. */
export async function replayDays(
  inventory: Inventory,
  reader: AdvisoryDbReader,
  days: readonly string[],
  options: ReplayOptions = {},
): Promise<ReplayDay[]> {
  const rules: CountingRules = { ...DEFAULT_RULES, ...options.rules };
  const cached = options.prepared?.cache.get(options.prepared.key);
  const prepared = cached ?? (await prepareReplay(inventory, reader));
  if (options.prepared && !cached) options.prepared.cache.set(options.prepared.key, prepared);
  const { matches, warnings, enrichment, undatedFrom, memo, severities } = prepared;
  for (const w of warnings) options.onWarning?.(w);
  const statements = options.vex ?? [];
  const identities = imageIdentities(inventory.target);
  // everything that can change an answer between two days, as sorted instants
  const changes = statements.length
    ? [...prepared.changes, ...statements.flatMap((s) => parseFeedTime(s.timestamp) ?? [])].sort()
    : prepared.changes;
  const byDay = new Map<string, ReplayDay>();
  let previous: { changesSeen: number; day: Omit<ReplayDay, 'day' | 'asOf'> } | undefined;
  const signal = options.signal ?? currentSignal();
  for (const day of [...new Set(days)].sort()) {
    await checkpoint(signal); // a client gone away stops here; the event loop gets its turns
    const asOf = endOfDay(`${day}T00:00:00.000Z`);
    const changesSeen = countAtOrBefore(changes, asOf);
    if (!previous || previous.changesSeen !== changesSeen) {
      const at: number[] = [];
      for (let i = 0; i < matches.length; i++) if (heldAt(matches[i]!, asOf)) at.push(i);
      const held = at.map((i) => matches[i]!);
      const merged = mergeFindings(held, enrichment, asOf, severities, memo);
      const { findings, suppressed, summary } = concludeFindings(merged, {
        statements,
        identities,
        rules,
        asOf,
      });
      const ids = [
        ...new Set(
          findings
            .filter((f) => rules.includeNegligible || f.severity !== 'negligible')
            .map((f) => f.vulnerability),
        ),
      ].sort();
      const vexSuppressed = suppressed.filter((f) => f.vex !== undefined);
      previous = {
        changesSeen,
        day: {
          summary,
          ids,
          findings,
          vexSuppressed,
          coverage: coverageOf(at, prepared.records, undatedFrom, asOf),
        },
      };
    }
    byDay.set(day, { day, asOf, ...previous.day });
  }
  return days.map((day) => byDay.get(day)!);
}

// the records that held (affected or not), and whether an undated record begins after the day
function coverageOf(
  held: readonly number[],
  records: PreparedReplay['records'],
  undatedFrom: readonly string[],
  asOf: string,
): Coverage {
  const seen = new Map<string, boolean>();
  for (const i of held) seen.set(records[i]!.key, records[i]!.dated);
  const later = undatedFrom.length - countAtOrBefore(undatedFrom, asOf);
  let dated = 0;
  for (const d of seen.values()) if (d) dated += 1;
  return { records: seen.size + later, dated, lowerBound: later > 0 };
}

// how many sorted instants are at or before `instant` (binary search)
function countAtOrBefore(sorted: readonly string[], instant: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= instant) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
