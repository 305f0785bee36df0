/** The observations of one tag as resolutions read them: when, which digest, which ids and findings. */
import type { Severity } from '../../advisory/types.js';
import { dayOf } from '../../time/instant.js';
import type { CompactFinding } from '../compact.js';
import type { TagRef } from '../image-ref.js';
import type { HistoryStore } from '../store/open.js';

export interface TagObservation {
  digest: string;
  observedAt: string;
  /** whether the scan ran on the day it stands for (not a backfill): a true detection */
  live: boolean;
  /** the counted ids (default rules) */
  ids: Set<string>;
  findings: CompactFinding[];
}

/** Every observation of a tag, oldest first. */
export async function tagObservations(store: HistoryStore, ref: TagRef): Promise<TagObservation[]> {
  const rows = await store.db
    .selectFrom('observation')
    .select(['digest', 'observed_at', 'scanned_at', 'ids', 'findings'])
    .where('image', '=', ref.image)
    .where('tag', '=', ref.tag)
    .orderBy('observed_at')
    .orderBy('scanned_at')
    .execute();
  return rows.map((r) => ({
    digest: r.digest,
    observedAt: r.observed_at,
    live: dayOf(r.scanned_at) === dayOf(r.observed_at),
    ids: new Set(r.ids ? r.ids.split(' ') : []),
    findings: JSON.parse(r.findings) as CompactFinding[],
  }));
}

/** The latest observation of a digest at or before an instant (else its latest at all). */
export function lastOf(
  obs: readonly TagObservation[],
  digest: string,
  at: string,
): TagObservation | undefined {
  const of = obs.filter((o) => o.digest === digest);
  return of.filter((o) => o.observedAt <= at).at(-1) ?? of.at(-1);
}

/** The first observation of a digest at or after an instant (else its first at all). */
export function firstOf(
  obs: readonly TagObservation[],
  digest: string,
  at: string,
): TagObservation | undefined {
  const of = obs.filter((o) => o.digest === digest);
  return of.find((o) => o.observedAt >= at) ?? of[0];
}

/** The first live observation that counted each id: when the tag was seen carrying it. */
export function firstLiveSight(obs: readonly TagObservation[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of obs) if (o.live) for (const id of o.ids) if (!out.has(id)) out.set(id, o.observedAt);
  return out;
}

const RANK: Severity[] = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];

/** The counted ids of an observation with the highest severity and a package of each. */
export function countedOf(o: TagObservation): Map<string, { severity: Severity; pkg: string }> {
  const out = new Map<string, { severity: Severity; pkg: string }>();
  for (const [id, severity, , pkg] of o.findings) {
    if (!o.ids.has(id)) continue;
    const seen = out.get(id);
    if (!seen || RANK.indexOf(severity) < RANK.indexOf(seen.severity)) out.set(id, { severity, pkg });
  }
  return out;
}
