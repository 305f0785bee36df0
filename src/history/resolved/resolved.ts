/**
 * `resolved`: what an image supplier resolved in one or more tags over a range of days, per day
 * stacked by severity, in total by severity and by how, the list, and time to fix against an SLA.
 */
import { existsSync } from 'node:fs';
import { openAdvisoryDb } from '../../advisory/db/index.js';
import { defaultDbPath } from '../../advisory/db/paths.js';
import type { AdvisoryDbReader } from '../../advisory/db/types.js';
import { zeroBySeverity, type Severity } from '../../advisory/types.js';
import { parseVexFile } from '../../match/vex/index.js';
import { DEFAULT_RULES } from '../../match/counting.js';
import type { CountingRules } from '../../match/types.js';
import { DEFAULT_LENS, type Lens } from '../lens.js';
import { dayOf } from '../../time/instant.js';
import { dayRange, daysOf, type DayRange } from '../date-range.js';
import { formatTagRef, parseTagRef, type TagRef } from '../image-ref.js';
import { withHistoryStore, type HistoryStore } from '../store/open.js';
import { requireTag, tagMoves } from '../store/read.js';
import { resolveTag, type ResolveOptions } from './resolve-tag.js';
import { DEFAULT_SLA, timeToFix, type Sla, type TimeToFixStats } from './time-to-fix.js';
import type { Resolution, ResolvedHow } from './types.js';

export interface ResolvedOptions {
  from?: string;
  to?: string;
  store?: string;
  /** the advisory DB (resolved by advisory, and rebuilds with no observation); used when it exists */
  db?: string;
  /** VEX documents whose fixed / not_affected statements resolve */
  vex?: string[];
  sla?: Partial<Sla>;
  lens?: Lens;
  rules?: Partial<CountingRules>;
  now?: Date;
}

export interface ResolvedDay {
  day: string;
  bySeverity: Record<Severity, number>;
  total: number;
}

export interface ResolvedImage {
  ref: string;
  image: string;
  tag: string;
  /** counted resolutions (the count unit's: distinct vulnerabilities by default) */
  total: number;
  bySeverity: Record<Severity, number>;
  byHow: Record<ResolvedHow, number>;
  /** every day of the range from the tag's first digest on (earlier days are gaps, not zeros) */
  daily: ResolvedDay[];
  timeToFix: Record<Severity | 'all', TimeToFixStats>;
  resolutions: Resolution[];
}

export interface ResolvedResult {
  schemaVersion: '1';
  from: string;
  to: string;
  lens: Lens;
  rules: CountingRules;
  sla: Sla;
  /** the advisory DB the advisory resolutions come from, if one was used */
  db: { builtAt: string; feeds: Record<string, string> } | null;
  images: ResolvedImage[];
}

/** Resolutions of tags (`NAME:TAG`) over a range of days. */
export async function resolved(
  refs: readonly (string | TagRef)[],
  options: ResolvedOptions = {},
): Promise<ResolvedResult> {
  const tags = refs.map((r) => (typeof r === 'string' ? parseTagRef(r, 'image') : r));
  const range = dayRange(options.from, options.to, options.now);
  const sla: Sla = { ...DEFAULT_SLA, ...options.sla };
  const statements = (await Promise.all((options.vex ?? []).map((f) => parseVexFile(f)))).flat();
  const how: ResolveOptions = {
    lens: options.lens ?? DEFAULT_LENS,
    rules: { ...DEFAULT_RULES, ...options.rules },
    vex: statements,
    now: options.now,
  };
  return withHistoryStore(options.store, { existing: true }, async (store) => {
    for (const tag of tags) await requireTag(store, tag);
    const dbPath = options.db ?? defaultDbPath();
    const reader = options.db || existsSync(dbPath) ? await openAdvisoryDb(dbPath) : undefined;
    try {
      const meta = reader ? await reader.meta() : undefined;
      const images: ResolvedImage[] = [];
      for (const tag of tags) images.push(await resolvedImage(store, reader, tag, range, sla, how));
      return {
        schemaVersion: '1',
        ...range,
        lens: how.lens,
        rules: how.rules,
        sla,
        db: meta
          ? { builtAt: meta.builtAt, feeds: Object.fromEntries(meta.feeds.map((f) => [f.name, f.version])) }
          : null,
        images,
      };
    } finally {
      await reader?.close();
    }
  });
}

/** The resolutions of one tag, summed. */
export async function resolvedImage(
  store: HistoryStore,
  reader: AdvisoryDbReader | undefined,
  tag: TagRef,
  range: DayRange,
  sla: Sla,
  how: ResolveOptions = { lens: DEFAULT_LENS, rules: DEFAULT_RULES },
): Promise<ResolvedImage> {
  const resolutions = countedByUnit(await resolveTag(store, reader, tag, range, how), how.rules);
  const first = (await tagMoves(store, tag))[0]?.since;
  return {
    ref: formatTagRef(tag),
    image: tag.image,
    tag: tag.tag,
    ...summariseResolutions(resolutions, range, first, sla),
    resolutions,
  };
}

/** Daily, by-severity and by-how sums and time to fix of resolutions (pure). */
export function summariseResolutions(
  resolutions: readonly Resolution[],
  range: DayRange,
  firstDigestAt: string | undefined,
  sla: Sla,
): Omit<ResolvedImage, 'ref' | 'image' | 'tag' | 'resolutions'> {
  const bySeverity = zeroBySeverity();
  const byHow: Record<ResolvedHow, number> = { update: 0, advisory: 0, vex: 0 };
  const perDay = new Map<string, ResolvedDay>();
  // a day counts from the tag's first digest on (that day included)
  const firstDay = firstDigestAt === undefined ? undefined : dayOf(firstDigestAt);
  if (firstDay !== undefined)
    for (const day of daysOf(range))
      if (firstDay <= day) perDay.set(day, { day, bySeverity: zeroBySeverity(), total: 0 });
  const counted = resolutions.filter((r) => r.counted);
  for (const r of counted) {
    bySeverity[r.severity] += 1;
    byHow[r.how] += 1;
    const day = perDay.get(r.day);
    if (day) {
      day.bySeverity[r.severity] += 1;
      day.total += 1;
    }
  }
  return {
    total: counted.length,
    bySeverity,
    byHow,
    daily: [...perDay.values()],
    timeToFix: timeToFix(counted, sla),
  };
}

/**
 * Marks which resolutions count in the headline under the count unit: per vulnerability (the
 * default) the first resolution of each vulnerability in the range, so one fixed in two packages
 * counts once; per package, every one. The list keeps them all. Marks the given objects (a
 * resolution is made for one answer: not copied).
 */
export function countedByUnit(
  resolutions: Omit<Resolution, 'counted'>[],
  rules: Pick<CountingRules, 'countBy'>,
): Resolution[] {
  const seen = new Set<string>();
  return resolutions.map((r) => {
    // per package every resolution counts; per vulnerability only its first in the range
    const counted = rules.countBy === 'package' || !seen.has(r.vulnerability);
    seen.add(r.vulnerability);
    return Object.assign(r, { counted });
  });
}
