/**
 * The ROI report's numbers (`cleanroom report`): per image since the user's start date, what the
 * supplier resolved (by severity and by how), time to fix against the SLA, hours and money saved,
 * CVEs avoided against each alternative, the latest counts, the series of the charts, and every
 * assumption and data source the numbers stand on. Renderers (src/report/roi/) only format this.
 */
import { existsSync } from 'node:fs';
import { defaultDbPath } from '../../advisory/db/paths.js';
import type { Severity } from '../../advisory/types.js';
import { InputError } from '../../errors.js';
import { SCANNER } from '../../scanner.js';
import { dayOf, parseUserTime } from '../../time/instant.js';
import { accumulation } from '../accumulation.js';
import { compare, type ComparedImage, type CompareOptions } from '../compare.js';
import { DEFAULT_RULES } from '../../match/counting.js';
import type { CountingRules } from '../../match/types.js';
import { DEFAULT_LENS, type Lens } from '../lens.js';
import { history } from '../history.js';
import { parsePinnedRef, parseTagRef } from '../image-ref.js';
import { resolved, type ResolvedImage } from './resolved.js';
import { avoidedOf, DEFAULT_ASSUMPTIONS, roiOf, type Roi, type RoiAssumptions, type Saved } from './roi.js';
import { DEFAULT_SLA, type Sla } from './time-to-fix.js';

export interface RoiReportOptions {
  /** the user's start date: the report covers since then (required) */
  since: string;
  to?: string;
  alternatives?: string[];
  assumptions?: Partial<RoiAssumptions>;
  sla?: Partial<Sla>;
  store?: string;
  db?: string;
  vex?: string[];
  lens?: Lens;
  rules?: Partial<CountingRules>;
  now?: Date;
}

/** One line of a chart: an image's daily totals and accumulation, replayed or observed. */
export interface SeriesLine {
  ref: string;
  role: 'image' | 'alternative';
  points: {
    day: string;
    total: number;
    cumulative: number;
    kind: 'observed' | 'replayed';
    lowerBound: boolean;
  }[];
}

export interface ReportImage extends Omit<ResolvedImage, 'resolutions'> {
  latest: { day: string; total: number; bySeverity: Record<Severity, number> } | null;
  roi: Roi;
  avoided: ({ alternative: string; chosenAccumulated: number; alternativeAccumulated: number } & Saved)[];
  resolutions: ResolvedImage['resolutions'];
}

export interface RoiReport {
  schemaVersion: '1';
  generatedAt: string;
  since: string;
  to: string;
  /** the lens and counting rules every number of the report was computed under */
  lens: Lens;
  rules: CountingRules;
  assumptions: RoiAssumptions;
  sla: Sla;
  scanner: { name: string; version: string };
  db: { builtAt: string; feeds: Record<string, string> } | null;
  images: ReportImage[];
  series: SeriesLine[];
  total: {
    resolved: number;
    hours: number;
    money: number;
    avoided: Saved;
    bySeverity: Record<Severity, number>;
  };
}

/** Checks the report's assumptions: numbers that cannot be negative, a currency code. */
export function checkAssumptions(a: Partial<RoiAssumptions>): RoiAssumptions {
  const out = { ...DEFAULT_ASSUMPTIONS, ...a, hoursBySeverity: { ...a.hoursBySeverity } };
  const bad = (name: string, v: number) => {
    if (!Number.isFinite(v) || v < 0) throw new InputError(`${name}: ${v} is not a number of zero or more`);
  };
  bad('--hours-per-cve', out.hoursPerCve);
  bad('--hourly-rate', out.hourlyRate);
  for (const [s, v] of Object.entries(out.hoursBySeverity)) bad(`--hours-per-cve ${s}`, v!);
  if (!/^[A-Z]{3}$/.test(out.currency))
    throw new InputError(`--currency: "${out.currency}" is not a three-letter code such as USD`);
  return out;
}

/** Builds the report's numbers for tags (`NAME:TAG`) since a date. */
export async function roiReport(refs: readonly string[], options: RoiReportOptions): Promise<RoiReport> {
  const now = options.now ?? new Date();
  const assumptions = checkAssumptions(options.assumptions ?? {});
  const since = dayOf(parseUserTime(options.since, '--since', now));
  if (since > dayOf(now.toISOString())) throw new InputError(`--since ${options.since} is in the future`);
  if (refs.length === 0) throw new InputError('report needs at least one image (NAME:TAG)');
  for (const r of refs) parseTagRef(r, 'image');
  // an alternative may be pinned (`NAME:TAG@DATE`): the image as if never rebuilt after that day
  for (const r of options.alternatives ?? []) parsePinnedRef(r, 'alternative');
  const to = options.to ?? dayOf(now.toISOString());
  const sla = { ...DEFAULT_SLA, ...options.sla };
  const lens = options.lens ?? DEFAULT_LENS;
  const rules = { ...DEFAULT_RULES, ...options.rules };
  if (dayOf(parseUserTime(to, '--to', now)) < since)
    throw new InputError(`--to ${options.to} is before --since ${options.since}`);
  const common = { from: since, to, store: options.store, db: options.db, now, lens, rules };
  const res = await resolved(refs, { ...common, vex: options.vex, sla });
  const replay = Boolean(options.db) || existsSync(defaultDbPath());
  const lines = await seriesOf(refs, options.alternatives ?? [], { ...common, replay });
  const images: ReportImage[] = res.images.map((img) => {
    const line = lines.find((l) => l.ref === img.ref && l.role === 'image');
    const chosen = line?.points.at(-1)?.cumulative ?? 0;
    const latest = line?.latest ?? null;
    return {
      ...img,
      latest,
      roi: roiOf(img.resolutions, assumptions),
      avoided: lines
        .filter((l) => l.role === 'alternative')
        .map((alt) => {
          const other = alt.points.at(-1)?.cumulative ?? 0;
          return {
            alternative: alt.ref,
            chosenAccumulated: chosen,
            alternativeAccumulated: other,
            ...avoidedOf(chosen, other, assumptions),
          };
        }),
    };
  });
  const all = images.flatMap((i) => i.resolutions);
  const totalRoi = roiOf(all, assumptions);
  const avoided = images.flatMap((i) => i.avoided);
  const best = avoided.length
    ? avoided.reduce((a, b) => (b.cves > a.cves ? b : a))
    : { cves: 0, hours: 0, money: 0 };
  return {
    schemaVersion: '1',
    generatedAt: now.toISOString(),
    since: res.from,
    to: res.to,
    lens,
    rules,
    assumptions,
    sla,
    scanner: { ...SCANNER },
    db: res.db,
    images,
    series: lines.map(({ ref, role, points }) => ({ ref, role, points })),
    total: {
      resolved: totalRoi.cves,
      hours: totalRoi.hours,
      money: totalRoi.money,
      avoided: { cves: best.cves, hours: best.hours, money: best.money },
      bySeverity: Object.fromEntries(
        Object.entries(totalRoi.bySeverity).map(([s, v]) => [s, v.cves]),
      ) as Record<Severity, number>,
    },
  };
}

type Line = SeriesLine & { latest: ReportImage['latest'] };

// the lines of the charts: every image and alternative over the range, replayed where a DB is there
async function seriesOf(
  refs: readonly string[],
  alternatives: readonly string[],
  options: CompareOptions,
): Promise<Line[]> {
  const all = [...refs, ...alternatives];
  const role = (i: number): SeriesLine['role'] => (i < refs.length ? 'image' : 'alternative');
  if (all.length >= 2) {
    const result = await compare(all, options);
    return result.images.map((img, i) => lineOf(img.ref, role(i), img.points));
  }
  const one = await history(all[0]!, options);
  const cumulative = accumulation(one.points);
  return [
    lineOf(
      all[0]!,
      'image',
      one.points.map((p, i) => ({ ...p, cumulative: cumulative[i]! })),
    ),
  ];
}

function lineOf(ref: string, role: SeriesLine['role'], points: ComparedImage['points']): Line {
  const last = points.at(-1);
  return {
    ref,
    role,
    points: points.map((p) => ({
      day: p.day,
      total: p.total,
      cumulative: p.cumulative,
      kind: p.kind,
      lowerBound: p.coverage?.lowerBound ?? false,
    })),
    latest: last ? { day: last.day, total: last.total, bySeverity: last.bySeverity } : null,
  };
}
