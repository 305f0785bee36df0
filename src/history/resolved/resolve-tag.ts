/**
 * The resolutions of one tag over a range (docs/counting.md "Resolved"), read from the tag's own
 * series under the lens (src/history/tag-days.ts), so Resolved can never contradict Compare:
 * every episode of a (vulnerability, package) ends once, by one cause (rebuild, advisory, VEX).
 * Under "then", the feeds' dated fix and false-positive events for the packages the tag held count
 * too: inside an episode they are its one resolution (the later end is not counted again); for a
 * vulnerability the image never showed (the supplier shipped the fix first) once, as advisory.
 */
import type { AdvisoryDbReader } from '../../advisory/db/types.js';
import { chooseSeverity } from '../../match/severity-rule.js';
import type { CountingRules } from '../../match/types.js';
import type { VexDocumentStatement } from '../../match/vex/index.js';
import { dayOf, endOfDay, parseFeedTime } from '../../time/instant.js';
import { addDays, type DayRange } from '../date-range.js';
import type { TagRef } from '../image-ref.js';
import type { Lens } from '../lens.js';
import type { HistoryStore } from '../store/open.js';
import { digestFacts, tagMoves } from '../store/read.js';
import type { TagMove } from '../store/tag-moves.js';
import { tagDaysAndBefore, type TagDay } from '../tag-days.js';
import type { CompactFinding } from '../compact.js';
import { cachingReader } from '../caching-reader.js';
import { advisoryEvents, type AdvisoryEvent } from './advisory-events.js';
import { countedPairs, endCause, pairKey, type Episode } from './episodes.js';
import { daysBetween } from './time-to-fix.js';
import type { Resolution } from './types.js';

export interface ResolveOptions {
  lens: Lens;
  rules: CountingRules;
  vex?: readonly VexDocumentStatement[];
  now?: Date;
}

/**
 * A resolution while it is being found: every field present (undefined where unknown), so each is
 * one object of one shape; the published one is made once, at the end (`withTimeToFix`).
 */
interface Found {
  day: string;
  at: string;
  vulnerability: string;
  severity: Resolution['severity'];
  package: string;
  how: Resolution['how'];
  detail: string;
  source: string;
  detectedAt: string | undefined;
  /** the episode's first day, or undefined when it was open before the days read (`openBefore`) */
  startAt: string | undefined;
  openBefore: boolean;
  falsePositive: boolean;
}

/** Every (vulnerability, package) resolution of a tag within a range, sorted by time. */
export async function resolveTag(
  store: HistoryStore,
  reader: AdvisoryDbReader | undefined,
  ref: TagRef,
  range: DayRange,
  options: ResolveOptions,
): Promise<Omit<Resolution, 'counted'>[]> {
  const moves = await tagMoves(store, ref);
  if (!moves.length || dayOf(moves[0]!.since) > range.to) return [];
  // from the day before the range (what counted then, so an end on the first day is seen); an
  // episode already open that day began earlier: its detection is the feed's or the publication
  const first = dayOf(moves[0]!.since);
  const dayBefore = addDays(range.from, -1);
  const span = { from: first > dayBefore ? first : dayBefore, to: range.to };
  const request = { lens: options.lens, vex: options.vex, replay: reader !== undefined, now: options.now };
  const cached = reader ? cachingReader(reader) : undefined;
  const both = await tagDaysAndBefore(store, cached, ref, span, request, true);
  const days = both.days;
  const before = new Map(
    [...both.before]
      .filter(([, d]) => d.basis === 'lens')
      .map(([day, d]) => [day, countedPairs(d.findings, options.rules)]),
  );
  const events =
    options.lens === 'then' && reader ? await eventsByDay(store, reader, days, range) : new Map();
  const inRange = (day: string) => day >= range.from && day <= range.to;
  const found: Found[] = [];
  const active = new Map<string, Episode>();
  const resolvedOn = new Set<string>(); // `${vulnerability}\0${day}`
  const shippedFirst = new Set<string>();
  let previous: TagDay | undefined;
  let today = new Map<string, CompactFinding>();
  for (const day of days) {
    // a day whose findings are the very same as the day before's (a replay shares them) changed nothing
    const same =
      previous !== undefined && day.findings === previous.findings && day.digest === previous.digest;
    if (!same) today = countedPairs(day.findings, options.rules);
    if (previous && !same) {
      for (const [key, episode] of active) {
        if (today.has(key)) continue;
        active.delete(key);
        if (episode.counted || !inRange(day.day)) continue;
        const how = endCause(key, day, previous, before.get(day.day));
        found.push(ended(episode, how, day, previous, moves, options.vex ?? [], events.get(day.day) ?? []));
        resolvedOn.add(`${episode.vulnerability}\0${day.day}`);
      }
    }
    if (!same)
      for (const [key, f] of today)
        if (!active.has(key))
          active.set(key, {
            vulnerability: f[0],
            pkg: f[3],
            severity: f[1],
            // open on the span's first day after the tag's first: it began before, when is not read
            startDay: previous === undefined && span.from > first ? undefined : day.day,
            counted: false,
          });
    for (const e of events.get(day.day) ?? []) {
      if (resolvedOn.has(`${e.vulnerability}\0${day.day}`)) continue;
      const open = [...active.values()].filter((ep) => ep.vulnerability === e.vulnerability);
      if (open.length && open.every((ep) => ep.counted)) continue;
      if (!open.length) {
        // the image never showed it: the supplier shipped the fix first; counted once
        const key = pairKey(e.vulnerability, e.package);
        if (shippedFirst.has(key)) continue;
        shippedFirst.add(key);
      }
      for (const ep of open) ep.counted = true;
      found.push(fromEvent(e, open[0]));
      resolvedOn.add(`${e.vulnerability}\0${day.day}`);
    }
    previous = day;
  }
  return withTimeToFix(found, reader);
}

// the feeds' dated fix / false-positive events in the range, each on a day the tag held a digest with that package
async function eventsByDay(
  store: HistoryStore,
  reader: AdvisoryDbReader,
  days: readonly TagDay[],
  range: DayRange,
): Promise<Map<string, AdvisoryEvent[]>> {
  const digestOn = new Map(days.map((d) => [d.day, d.digest]));
  const byDay = new Map<string, AdvisoryEvent[]>();
  for (const digest of new Set(days.filter((d) => d.day >= range.from).map((d) => d.digest))) {
    const { inventory } = await digestFacts(store, digest, true);
    if (!inventory) continue;
    for (const e of await advisoryEvents(inventory, reader)) {
      const day = dayOf(e.at);
      if (day < range.from || day > range.to || digestOn.get(day) !== digest) continue;
      byDay.set(day, [...(byDay.get(day) ?? []), e]);
    }
  }
  for (const list of byDay.values()) list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return byDay;
}

function ended(
  episode: Episode,
  how: Found['how'],
  day: TagDay,
  previous: TagDay,
  moves: readonly TagMove[],
  statements: readonly VexDocumentStatement[],
  events: readonly AdvisoryEvent[],
): Found {
  // the feed's own word on the day (a fix or false-positive event): its detection, or no time to fix
  const said = events.find((ev) => ev.vulnerability === episode.vulnerability);
  let at: string;
  let detail: string;
  let source: string;
  if (how === 'update') {
    const move = lastMoveOn(moves, day);
    // a rebuild cannot bring a fix before the fix was published: on the day of both, the later
    const rebuiltAt = move?.since ?? `${day.day}T00:00:00.000Z`;
    at = said?.kind === 'fixed' && said.at > rebuiltAt ? said.at : rebuiltAt;
    detail = `rebuilt ${short(previous.digest)} → ${short(day.digest)}`;
    source = day.digest;
  } else if (how === 'vex') {
    const s = statements.find(
      (st) =>
        (st.status === 'fixed' || st.status === 'not_affected') &&
        [st.vulnerability, ...st.aliases].includes(episode.vulnerability) &&
        dayOf(parseFeedTime(st.timestamp) ?? '') === day.day,
    );
    at = parseFeedTime(s?.timestamp) ?? endOfDay(`${day.day}T00:00:00.000Z`);
    detail = s ? `VEX ${s.status.replace('_', ' ')}${s.justification ? ` (${s.justification})` : ''}` : 'VEX';
    source = s?.source ?? 'VEX';
  } else {
    at = said?.at ?? endOfDay(`${day.day}T00:00:00.000Z`);
    detail = said
      ? eventDetail(said)
      : 'the advisories no longer count it (fixed, false positive or withdrawn)';
    source = said?.record ?? 'advisory DB';
  }
  return {
    day: day.day,
    at,
    vulnerability: episode.vulnerability,
    severity: episode.severity,
    package: episode.pkg,
    how,
    detail,
    source,
    detectedAt: said?.kind === 'fixed' ? said.detectedAt : undefined,
    startAt: episode.startDay ? `${episode.startDay}T00:00:00.000Z` : undefined,
    openBefore: !episode.startDay,
    falsePositive: said?.kind === 'not-affected',
  };
}

function fromEvent(e: AdvisoryEvent, episode: Episode | undefined): Found {
  return {
    day: dayOf(e.at),
    at: e.at,
    vulnerability: e.vulnerability,
    severity: episode?.severity ?? eventSeverity(e),
    package: episode?.pkg ?? e.package,
    how: 'advisory',
    detail: eventDetail(e),
    source: e.record,
    detectedAt: e.kind === 'fixed' ? e.detectedAt : undefined,
    startAt: episode?.startDay ? `${episode.startDay}T00:00:00.000Z` : undefined,
    openBefore: episode !== undefined && !episode.startDay,
    falsePositive: e.kind === 'not-affected',
  };
}

const eventDetail = (e: AdvisoryEvent) =>
  e.kind === 'fixed' ? `fixed in ${e.fixedVersion ?? 'a later version'}` : 'not affected (false positive)';

function eventSeverity(e: AdvisoryEvent) {
  const ratings = e.row.severity ? [e.row.severity] : [];
  return chooseSeverity(new Set(e.distroSource ? [e.distroSource] : []), ratings).severity;
}

// detection: the feed's first "affected" (for an advisory event) or the episode's start, made
// precise within its first day by the vulnerability's publication where that falls on it
async function withTimeToFix(
  found: Found[],
  reader: AdvisoryDbReader | undefined,
): Promise<Omit<Resolution, 'counted'>[]> {
  const ids = [...new Set(found.map((r) => r.vulnerability))];
  const vulns = reader && ids.length ? await reader.vulnerabilities(ids) : new Map();
  found.sort((a, b) =>
    a.at < b.at
      ? -1
      : a.at > b.at
        ? 1
        : a.vulnerability < b.vulnerability
          ? -1
          : a.vulnerability > b.vulnerability
            ? 1
            : 0,
  );
  return found.map((r) => {
    const published: string | undefined = vulns.get(r.vulnerability)?.published;
    let detectedAt = r.detectedAt;
    if (!detectedAt && r.startAt) {
      const startDay = dayOf(r.startAt);
      detectedAt = published && dayOf(published) === startDay && published <= r.at ? published : r.startAt;
    }
    // an episode open before the range: from the publication, where the DB knows it
    if (!detectedAt && r.openBefore && published && published <= r.at) detectedAt = published;
    const out: Omit<Resolution, 'counted'> = {
      day: r.day,
      at: r.at,
      vulnerability: r.vulnerability,
      severity: r.severity,
      package: r.package,
      how: r.how,
      detail: r.detail,
      source: r.source,
    };
    if (detectedAt) out.detectedAt = detectedAt;
    const timeToFixDays = r.falsePositive ? undefined : daysBetween(detectedAt, r.at);
    if (timeToFixDays !== undefined && timeToFixDays >= 0) out.timeToFixDays = timeToFixDays;
    return out;
  });
}

// the last move to the day's digest at or before the end of the day
function lastMoveOn(moves: readonly TagMove[], day: TagDay): TagMove | undefined {
  const end = endOfDay(`${day.day}T00:00:00.000Z`);
  for (let i = moves.length - 1; i >= 0; i--)
    if (moves[i]!.since <= end && moves[i]!.digest === day.digest) return moves[i];
  return undefined;
}

const short = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);
