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

/** The rows to add so that the tag points to each new point's digest from its time on. */
export function moves(existing: readonly TagMove[], points: readonly TagMove[]): TagMove[] {
  const rows = [...existing];
  const added: TagMove[] = [];
  for (const p of [...points].sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0))) {
    if (digestAt(rows, p.since) === p.digest) continue;
    // a row at the very same instant is never rewritten: the first word stays
    if (rows.some((r) => r.since === p.since)) continue;
    rows.push(p);
    added.push(p);
  }
  return added;
}
