/** The JSON API of `cleanroom serve` (docs/api.md), typed as far as the console reads it. */
import { ApiError, storedToken } from './token';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'] as const;
export type Severity = (typeof SEVERITIES)[number] | 'negligible';
export type BySeverity = Record<Severity, number>;

export interface DbInfo {
  /** null for an imported result: Grype and Trivy files do not always name their DB's build time */
  builtAt: string | null;
  feeds: Record<string, string>;
}
export interface Point {
  day: string;
  kind: 'observed' | 'replayed';
  digest: string;
  total: number;
  bySeverity: BySeverity;
  scanner: { name: string; version: string };
  db: DbInfo;
  cumulative?: number;
  /** the lens the point was computed under */
  lens?: 'then' | 'now';
  /** how much of what was matched had a real date; lowerBound: undated records may have applied */
  coverage?: { records: number; dated: number; lowerBound: boolean } | null;
}
export interface Latest {
  day: string;
  digest: string;
  total: number;
  bySeverity: BySeverity;
}
export interface TagSummary {
  tag: string;
  /** the last point of the tag's daily series: observed, or replayed as of that day */
  latest:
    | (Latest & {
        kind: 'observed' | 'replayed';
        fixable: BySeverity;
        coverage?: { records: number; dated: number; lowerBound: boolean } | null;
      })
    | null;
  distro: { id: string; versionId: string | null; prettyName: string | null } | null;
  sizeBytes: number | null;
  packages: number | null;
  /** the series of the last days of data, when asked for with `recent=N` */
  recent?: { day: string; kind: 'observed' | 'replayed'; total: number }[];
}
export interface ImageList {
  total: number;
  images: { name: string; registry: string; firstSeen: string; tags: TagSummary[] }[];
}

/** Every tracked NAME:TAG with its summary. */
export const refsOf = (list: ImageList) =>
  list.images.flatMap((i) => i.tags.map((t) => ({ ref: `${i.name}:${t.tag}`, image: i, ...t })));

/** The refs of the `n` images (one tag each) whose data ends last, sorted: the views' defaults. */
export function latestRefs(list: ImageList, n: number): string[] {
  const seen = new Set<string>();
  return refsOf(list)
    .filter((r) => r.latest)
    .sort((a, b) => (a.latest!.day < b.latest!.day ? 1 : a.latest!.day > b.latest!.day ? -1 : 0))
    .filter((r) => !seen.has(r.image.name) && seen.add(r.image.name))
    .slice(0, n)
    .map((r) => r.ref)
    .sort();
}

/**
 * Like latestRefs, but among images with more than one day of data: a default comparison or
 * report shows a series, not a tag scanned once today (the demo's own image, a tag just added).
 * Falls back to latestRefs when fewer than `n` images have a series.
 */
export function seriesRefs(list: ImageList, n: number): string[] {
  const withSeries = {
    ...list,
    images: list.images.filter((i) =>
      i.tags.some((t) => t.latest && t.latest.day > i.firstSeen.slice(0, 10)),
    ),
  };
  const refs = latestRefs(withSeries, n);
  return refs.length >= n ? refs : latestRefs(list, n);
}

/** The last day with data among some refs (pins and unknown refs ignored), if any. */
export function lastDataDay(list: ImageList, refs: readonly string[]): string | undefined {
  const wanted = new Set(refs.map((r) => r.split('@')[0]!.trim()));
  const days = refsOf(list)
    .filter((r) => wanted.has(r.ref) && r.latest)
    .map((r) => r.latest!.day);
  return days.sort().at(-1);
}

/** The UTC day `n` days after `day` (negative: before). */
export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The first day of a preset ending on `to`: N days, or a calendar year (the day after `to` a year back). */
export function presetFrom(to: string, preset: '30d' | '90d' | '1y'): string {
  if (preset === '30d') return addDays(to, -29);
  if (preset === '90d') return addDays(to, -89);
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return addDays(d.toISOString().slice(0, 10), 1);
}
export interface ComparedImage {
  ref: string;
  image: string;
  tag: string;
  pinned: { digest: string; since: string } | null;
  latest: { day: string; total: number } | null;
  dailyAverage: number | null;
  sizeBytes: number | null;
  points: Point[];
}
export interface CompareResult {
  from: string;
  to: string;
  lens?: 'then' | 'now';
  images: ComparedImage[];
}

/** Counting rules as the API's query parameters (docs/counting.md). */
export interface Rules {
  countBy: 'vulnerability' | 'package';
  includeNegligible: boolean;
  wontFix: boolean;
  /** then: each day against the advisories as known that day; now: against today's (docs/counting.md) */
  lens: 'then' | 'now';
}
export const DEFAULT_RULES: Rules = {
  countBy: 'vulnerability',
  includeNegligible: false,
  wontFix: true,
  lens: 'then',
};

export function rulesQuery(r: Rules): string {
  const q = new URLSearchParams();
  if (r.countBy !== 'vulnerability') q.set('countBy', r.countBy);
  if (r.includeNegligible) q.set('includeNegligible', 'true');
  if (!r.wontFix) q.set('ignoreStates', 'wont-fix');
  if (r.lens === 'now') q.set('lens', 'now');
  return q.toString();
}

/** The path of a tag's routes. */
export const tagPath = (image: string, tag: string) =>
  `/api/images/${encodeURIComponent(image)}/tags/${encodeURIComponent(tag)}`;

/** Splits NAME:TAG (the tag never holds a slash). */
export function splitRef(ref: string): { image: string; tag: string } {
  const i = ref.lastIndexOf(':');
  return { image: ref.slice(0, i), tag: ref.slice(i + 1) };
}

// after this tab wrote, reads revalidate: the server's answers may be kept 60 s by the browser
let wrote = false;
/** Called after a write: later reads ask the server (ETag) instead of the browser's cache. */
export function revalidateReads(): void {
  wrote = true;
}

/** GETs a JSON route (with the tab's token, if any); an error answer becomes an ApiError. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const token = storedToken();
  const res = await fetch(path, {
    signal: signal ?? null,
    ...(wrote && { cache: 'no-cache' as const }),
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
  });
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const message = (body as { message?: string } | undefined)?.message ?? `${res.status} ${res.statusText}`;
    throw new ApiError(message, res.status);
  }
  return body as T;
}

/** A watch: a tag observed every period by the workers (docs/scale.md). */
export interface Watch {
  ref: string;
  image: string;
  tag: string;
  source: string;
  everySeconds: number;
  platform: string | null;
  plainHttp: boolean;
  createdAt: string;
  lastObservedAt: string | null;
  lastError: string | null;
  failedAt: string | null;
}
