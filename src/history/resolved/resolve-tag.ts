/**
 * The resolutions of one tag over a range of days (docs/counting.md "Resolved"): by update at
 * each rebuild (what the previous digest carried and the next does not), by advisory (the feeds'
 * dated fix and false-positive events for the packages the tag held that day), by VEX (a
 * statement said fixed or not_affected about something the tag carried). A vulnerability resolved
 * twice the same way counts once, on its first date.
 */
import type { AdvisoryDbReader } from '../../advisory/db/types.js';
import type { Severity } from '../../advisory/types.js';
import { chooseSeverity } from '../../match/severity-rule.js';
import type { VexDocumentStatement } from '../../match/vex/index.js';
import { dayOf, endOfDay, parseFeedTime } from '../../time/instant.js';
import { compactFinding } from '../compact.js';
import type { DayRange } from '../date-range.js';
import type { TagRef } from '../image-ref.js';
import { replayDays } from '../replay.js';
import type { HistoryStore } from '../store/open.js';
import { digestFacts, tagMoves } from '../store/read.js';
import { digestAt, type TagMove } from '../store/tag-moves.js';
import { advisoryEvents } from './advisory-events.js';
import {
  countedOf,
  firstLiveSight,
  firstOf,
  lastOf,
  tagObservations,
  type TagObservation,
} from './observations.js';
import { daysBetween } from './time-to-fix.js';
import type { Resolution } from './types.js';

type Counted = Map<string, { severity: Severity; pkg: string }>;

/** Every resolution of a tag within a range, sorted by time. */
export async function resolveTag(
  store: HistoryStore,
  reader: AdvisoryDbReader | undefined,
  ref: TagRef,
  range: DayRange,
  statements: readonly VexDocumentStatement[] = [],
): Promise<Resolution[]> {
  const moves = await tagMoves(store, ref);
  const obs = await tagObservations(store, ref);
  const inRange = (at: string) => dayOf(at) >= range.from && dayOf(at) <= range.to;
  const found: Omit<Resolution, 'timeToFixDays'>[] = [];

  // by update: each move inside the range compares the digest before with the digest after
  for (const [i, move] of moves.entries()) {
    const before = moves[i - 1];
    if (!before || !inRange(move.since)) continue;
    const [prev, next] = await countedAround(store, reader, obs, before, move);
    if (!prev || !next) continue;
    for (const [id, { severity, pkg }] of prev) {
      if (next.has(id)) continue;
      found.push({
        day: dayOf(move.since),
        at: move.since,
        vulnerability: id,
        severity,
        package: pkg,
        how: 'update',
        detail: `rebuilt ${short(before.digest)} → ${short(move.digest)}`,
        source: move.digest,
      });
    }
  }

  // by advisory: the feeds' dated events for the packages of the digest the tag held that day
  if (reader) {
    for (const digest of digestsIn(moves, range)) {
      const { inventory } = await digestFacts(store, digest, true);
      if (!inventory) continue;
      const events = (await advisoryEvents(inventory, reader)).filter(
        (e) => inRange(e.at) && digestAt(moves, endOfDay(e.at)) === digest,
      );
      const vulns = await reader.vulnerabilities([...new Set(events.map((e) => e.vulnerability))]);
      for (const e of events) {
        const ratings = [
          ...(e.row.severity ? [e.row.severity] : []),
          ...(vulns.get(e.vulnerability)?.severities ?? []),
        ];
        const { severity } = chooseSeverity(new Set(e.distroSource ? [e.distroSource] : []), ratings);
        found.push({
          day: dayOf(e.at),
          at: e.at,
          vulnerability: e.vulnerability,
          severity,
          package: e.package,
          how: 'advisory',
          detail:
            e.kind === 'fixed'
              ? `fixed in ${e.fixedVersion ?? 'a later version'}`
              : 'not affected (false positive)',
          source: e.record,
          // a false positive is resolved, but nothing was fixed: no time to fix
          ...(e.kind === 'fixed' && e.detectedAt ? { detectedAt: e.detectedAt } : {}),
        });
      }
    }
  }

  // by VEX: a fixed / not_affected statement about a vulnerability the tag carried then
  for (const s of statements) {
    const at = parseFeedTime(s.timestamp);
    if (!at || !inRange(at) || (s.status !== 'fixed' && s.status !== 'not_affected')) continue;
    const digest = digestAt(moves, at);
    const o = digest ? lastOf(obs, digest, at) : undefined;
    if (!o) continue;
    const counted = countedOf(o);
    const id = [s.vulnerability, ...s.aliases].find((v) => counted.has(v));
    if (!id) continue;
    found.push({
      day: dayOf(at),
      at,
      vulnerability: id,
      severity: counted.get(id)!.severity,
      package: counted.get(id)!.pkg,
      how: 'vex',
      detail: `VEX ${s.status.replace('_', ' ')}${s.justification ? ` (${s.justification})` : ''}`,
      source: s.source,
    });
  }
  return withTimeToFix(firstOnly(found), obs, reader);
}

// the digests the tag pointed to at some moment of the range
function digestsIn(moves: readonly TagMove[], range: DayRange): string[] {
  const start = `${range.from}T00:00:00.000Z`;
  const out = new Set<string>();
  const first = digestAt(moves, start);
  if (first) out.add(first);
  for (const m of moves)
    if (m.since >= start && m.since <= endOfDay(`${range.to}T00:00:00.000Z`)) out.add(m.digest);
  return [...out];
}

// what the digest before a move and the one after it carried: the observations nearest the move,
// else both replayed as of the move's day (a digest known only from a peer's result has no inventory)
async function countedAround(
  store: HistoryStore,
  reader: AdvisoryDbReader | undefined,
  obs: readonly TagObservation[],
  before: TagMove,
  move: TagMove,
): Promise<[Counted | undefined, Counted | undefined]> {
  const prev = lastOf(obs, before.digest, move.since);
  const next = firstOf(obs, move.digest, move.since);
  if (prev && next) return [countedOf(prev), countedOf(next)];
  if (!reader) return [undefined, undefined];
  const replay = async (digest: string): Promise<Counted | undefined> => {
    const { inventory } = await digestFacts(store, digest, true);
    if (!inventory) return undefined;
    const [day] = await replayDays(inventory, reader, [dayOf(move.since)]);
    const ids = new Set(day!.ids);
    return countedOf({
      digest,
      observedAt: move.since,
      live: false,
      ids,
      findings: day!.findings.map(compactFinding),
    });
  };
  return [await replay(before.digest), await replay(move.digest)];
}

// a vulnerability resolved twice the same way counts once, on its first date
function firstOnly<T extends { at: string; vulnerability: string; how: string }>(found: T[]): T[] {
  const sorted = [...found].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.vulnerability < b.vulnerability ? -1 : 1,
  );
  const seen = new Set<string>();
  return sorted.filter((r) => {
    const key = `${r.vulnerability}\0${r.how}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// detection: the feed's (a fix event's record) for an advisory; else the earlier of the first
// live observation that counted it and the vulnerability's publication
async function withTimeToFix(
  found: Omit<Resolution, 'timeToFixDays'>[],
  obs: readonly TagObservation[],
  reader: AdvisoryDbReader | undefined,
): Promise<Resolution[]> {
  const sighted = firstLiveSight(obs);
  const others = found.filter((r) => r.how !== 'advisory').map((r) => r.vulnerability);
  const vulns = reader && others.length ? await reader.vulnerabilities(others) : new Map();
  return found.map((r) => {
    let detectedAt: string | undefined;
    if (r.how === 'advisory') detectedAt = r.detectedAt;
    else {
      const candidates = [sighted.get(r.vulnerability), vulns.get(r.vulnerability)?.published].filter(
        (t): t is string => t !== undefined && t <= r.at,
      );
      detectedAt = candidates.sort()[0];
    }
    const timeToFixDays = r.detail.startsWith('not affected') ? undefined : daysBetween(detectedAt, r.at);
    return {
      ...r,
      ...(detectedAt ? { detectedAt } : {}),
      ...(timeToFixDays !== undefined ? { timeToFixDays } : {}),
    };
  });
}

const short = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);
