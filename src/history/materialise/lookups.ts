/**
 * What a tag's series was computed from, as fingerprints that a new advisory DB build can be
 * checked against without computing the series again (docs/architecture.md, "Materialised series").
 *
 * A digest's days under a lens are a pure function of its inventory (fixed by the digest), its
 * matches over time (each row that affected or cleared one of its packages, with the interval in
 * which it held and the fix it named), the records of the vulnerabilities those matches name and
 * their KEV dates (replay.ts). A row that matches none of the image's versions, before or after a
 * DB update, cannot change a day. So a digest's fingerprint is a SHA-256 of its matches and that
 * enrichment; a tag holds one per digest it was computed from, and under a new build only a tag
 * with a digest whose fingerprint changed is computed again. EPSS scores are counted nowhere, so
 * they are left out.
 */
import { createHash } from 'node:crypto';
import type { AffectedRecord } from '../../advisory/db/types.js';
import type { PreparedReplay } from '../replay.js';

/** A tag's fingerprints: one per digest its series was computed from. */
export type DigestFingerprints = Record<string, string>;

const rowTexts = new WeakMap<AffectedRecord, string>();
const fingerprints = new WeakMap<PreparedReplay, string>();

/** The fingerprint of a digest's prepared match (computed once per prepared match). */
export function preparedFingerprint(prepared: PreparedReplay): string {
  let done = fingerprints.get(prepared);
  if (done) return done;
  const lines = prepared.matches.map((m) => {
    let row = rowTexts.get(m.row);
    if (!row) rowTexts.set(m.row, (row = JSON.stringify(m.row)));
    return JSON.stringify([
      m.pkg.name,
      m.pkg.version,
      m.pkg.purl,
      m.key.ecosystem,
      m.key.name,
      m.key.version,
      m.matcher,
      m.verdict,
      m.fixState,
      m.fixedVersion ?? null,
      m.fixedAt ?? null,
      m.from,
      m.to ?? null,
      row,
    ]);
  });
  const hash = createHash('sha256');
  for (const line of lines.sort()) hash.update(`match ${line}\n`);
  const { vulnerabilities, kev } = prepared.enrichment;
  // what a finding takes from the record (not `modified`: a feed without dates stamps it per fetch)
  for (const id of [...vulnerabilities.keys()].sort()) {
    const r = vulnerabilities.get(id)!;
    hash.update(
      `vulnerability ${id} ${JSON.stringify([r.aliases, r.summary, r.published, r.withdrawn, r.severities])}\n`,
    );
  }
  for (const id of [...kev.keys()].sort()) hash.update(`kev ${id} ${kev.get(id)}\n`);
  fingerprints.set(prepared, (done = hash.digest('hex')));
  return done;
}

/** The stored fingerprints of a tag; undefined for a value of an older form (the tag is computed again). */
export function parseFingerprints(text: string): DigestFingerprints | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as DigestFingerprints)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The text stored: digests in order, so equal fingerprints are equal texts. */
export function fingerprintsText(fingerprints: DigestFingerprints): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(fingerprints).sort(([a], [b]) => (a < b ? -1 : 1))),
  );
}
