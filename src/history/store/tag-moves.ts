/**
 * Where a tag pointed when: a row (since, digest) says the tag pointed to that digest from
 * `since` until the next row. New points become rows only where they change what the rows say.
 */

export interface TagMove {
  since: string;
  digest: string;
}

/** The digest in effect at an instant: the last row with `since` on or before it. */
export function digestAt(rows: readonly TagMove[], at: string): string | undefined {
  let found: TagMove | undefined;
  for (const r of rows) if (r.since <= at && (!found || r.since >= found.since)) found = r;
  return found?.digest;
}

/**
 * The rows to add so that the rows say where the tag pointed at every known instant: the existing
 * rows, the instants of earlier observations (`observed`, which a row may not mark when they
 * repeated the digest of the time) and the new points, in time order. A point recorded out of
 * order (an SBOM of the 17th after those of the 14th and the 20th) gets its row, and the later
 * observation gets one back: the tag pointed to its digest again from then. At one instant the
 * first word stays: an existing row or observation, else the first new point.
 */
export function moves(
  existing: readonly TagMove[],
  points: readonly TagMove[],
  observed: readonly TagMove[] = [],
): TagMove[] {
  const known = [...existing, ...observed];
  const at = new Map<string, string>();
  for (const p of [...known, ...points]) if (!at.has(p.since)) at.set(p.since, p.digest);
  const sequence = [...at].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const present = new Set(existing.map((r) => `${r.since}\0${r.digest}`));
  const added: TagMove[] = [];
  let current: string | undefined;
  for (const [since, digest] of sequence) {
    if (digest !== current && !present.has(`${since}\0${digest}`)) added.push({ since, digest });
    current = digest;
  }
  return added;
}
