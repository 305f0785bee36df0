/**
 * What a tag's series was computed from, as fingerprints that a new advisory DB build can be
 * checked against without computing the series again (docs/architecture.md, "Materialised series").
 *
 * A digest's days under a lens are a pure function of its inventory (fixed by the digest), its
 * matches over time (each row that affected or cleared one of its packages, with the interval in
 * which it held and the fix it named: match-inventory.ts `timedMatches`), the records of the
 * vulnerabilities those matches name and their KEV dates (replay.ts). A row that matches none of
 * the image's versions, before or after a DB update, cannot change a day. So a digest's fingerprint
 * is a SHA-256 of its packages' matches and that enrichment; a tag keeps one per digest it was
 * computed from, and under a new build only the days of a digest whose fingerprint changed are
 * computed again. EPSS scores are counted nowhere, so they are left out.
 *
 * Images share most package versions: the part of one lookup key (ecosystem, name, version, scheme)
 * is made once per reader (a refresh shares one), so each distinct package version is matched once
 * per DB build however many digests carry it.
 */
import { createHash } from 'node:crypto';
import type { AdvisoryDbReader, AffectedRecord } from '../../advisory/db/types.js';
import type { Inventory } from '../../catalog/types.js';
import type { Warning } from '../../errors.js';
import {
  candidatesByEcosystem,
  timedMatches,
  type Candidate,
  type TimedMatch,
} from '../../match/match-inventory.js';

/** A tag's fingerprints: one per digest its series was computed from. */
export type DigestFingerprints = Record<string, string>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// per reader: each row's hash, each lookup key's part, each vulnerability's enrichment
interface Memo {
  inventories: WeakMap<Inventory, string>;
  rows: WeakMap<AffectedRecord, string>;
  keys: Map<string, string>;
  vulnerabilities: Map<string, string>;
}
const memos = new WeakMap<AdvisoryDbReader, Memo>();

/** The fingerprint of matching an inventory against the reader's DB (see above). */
export async function digestFingerprint(inventory: Inventory, reader: AdvisoryDbReader): Promise<string> {
  let memo = memos.get(reader);
  if (!memo)
    memos.set(
      reader,
      (memo = {
        inventories: new WeakMap(),
        rows: new WeakMap(),
        keys: new Map(),
        vulnerabilities: new Map(),
      }),
    );
  const done = memo.inventories.get(inventory);
  if (done) return done;
  const lines: string[] = [];
  for (const [ecosystem, names] of candidatesByEcosystem(inventory)) {
    const missing = new Set<string>();
    for (const [name, candidates] of names)
      for (const c of candidates) if (c.key.accepts || !memo.keys.has(keyOf(c))) missing.add(name);
    const rows = missing.size ? await reader.affected(ecosystem, [...missing], { allTimes: true }) : [];
    const byName = new Map<string, AffectedRecord[]>();
    for (const r of rows) {
      const list = byName.get(r.package);
      if (list) list.push(r);
      else byName.set(r.package, [r]);
    }
    for (const [name, candidates] of names)
      for (const c of candidates) {
        const key = keyOf(c);
        // a key that accepts only some rows (an rpm module stream) depends on its package: not shared
        let part = c.key.accepts ? undefined : memo.keys.get(key);
        if (part === undefined) {
          part = await keyPart(c, byName.get(name) ?? [], reader, memo);
          if (!c.key.accepts) memo.keys.set(key, part);
        }
        lines.push(`${c.pkg.name}\0${c.pkg.version}\0${c.pkg.purl ?? ''}\0${c.matcher}\0${key}\0${part}`);
      }
  }
  const fingerprint = sha256(lines.sort().join('\n'));
  memo.inventories.set(inventory, fingerprint);
  return fingerprint;
}

function keyOf({ key, matcher }: Candidate): string {
  return `${matcher}\0${key.ecosystem}\0${key.name}\0${key.version}\0${key.scheme}\0${key.distroSource ?? ''}`;
}

// one lookup key's matches over time against the rows of its name, and what they name
async function keyPart(
  candidate: Candidate,
  rows: readonly AffectedRecord[],
  reader: AdvisoryDbReader,
  memo: Memo,
): Promise<string> {
  const matches: TimedMatch[] = [];
  const warnings: Warning[] = [];
  for (const row of rows) timedMatches(candidate, row, warnings, matches);
  const lines = matches.map((m) => {
    let row = memo.rows.get(m.row);
    if (!row) memo.rows.set(m.row, (row = sha256(JSON.stringify(m.row))));
    return `${row}\0${m.verdict}\0${m.fixState}\0${m.fixedVersion ?? ''}\0${m.fixedAt ?? ''}\0${m.from}\0${m.to ?? ''}`;
  });
  const ids = [...new Set(matches.map((m) => m.row.vulnerability))];
  const unknown = ids.filter((id) => !memo.vulnerabilities.has(id));
  if (unknown.length) {
    const [records, kev] = await Promise.all([reader.vulnerabilities(unknown), reader.kev(unknown)]);
    for (const id of unknown) {
      const r = records.get(id);
      // what a finding takes from the record (not `modified`: a feed without dates stamps it per fetch)
      const fields = r ? [r.aliases, r.summary, r.published, r.withdrawn, r.severities] : null;
      memo.vulnerabilities.set(id, JSON.stringify([fields, kev.get(id) ?? null]));
    }
  }
  for (const id of ids) lines.push(`${id} ${memo.vulnerabilities.get(id)}`);
  return sha256(lines.sort().join('\n'));
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
