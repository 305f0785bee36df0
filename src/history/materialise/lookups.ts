/**
 * What a tag's series read from the advisory DB, and a fingerprint of what it was answered: under a
 * new DB build, the same reads answering the same rows, vulnerability records and KEV dates give
 * the same series, so the tag need not be computed again. This is how `refreshSeries` recomputes
 * only the tags whose packages match a record that changed (docs/architecture.md, "Materialised
 * series"). EPSS scores are read by a replay but counted nowhere, so they are left out.
 */
import { createHash } from 'node:crypto';
import type { AdvisoryDbReader } from '../../advisory/db/types.js';
import type { Lookups } from '../recording-reader.js';

/** SHA-256 of what the DB answers to the reads: every row of every time, the records' severities, KEV dates. */
export async function fingerprintOf(reader: AdvisoryDbReader, lookups: Lookups): Promise<string> {
  const hash = createHash('sha256');
  for (const eco of Object.keys(lookups.affected).sort()) {
    const rows = await reader.affected(eco, lookups.affected[eco]!, { allTimes: true });
    hash.update(`affected ${eco}\n`);
    for (const line of rows.map((r) => JSON.stringify(r)).sort()) hash.update(`${line}\n`);
  }
  const records = await reader.vulnerabilities(lookups.vulnerabilities);
  for (const id of lookups.vulnerabilities) {
    const r = records.get(id);
    // what a finding takes from the record: its severities, aliases, publication and withdrawal
    hash.update(
      `vulnerability ${id} ${r ? JSON.stringify([r.severities, r.aliases, r.published, r.withdrawn]) : '-'}\n`,
    );
  }
  const kev = await reader.kev(lookups.kev);
  for (const id of lookups.kev) hash.update(`kev ${id} ${kev.get(id) ?? '-'}\n`);
  return hash.digest('hex');
}
