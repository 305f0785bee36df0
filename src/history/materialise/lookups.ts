/**
 * What a tag's series read from the advisory DB, and a fingerprint of what it was answered: under a
 * new DB build, the same reads answering the same rows, vulnerability records and KEV dates give
 * the same series, so the tag need not be computed again. This is how `refreshSeries` recomputes
 * only the tags whose packages match a record that changed (docs/architecture.md, "Materialised
 * series"). EPSS scores are read by a replay but counted nowhere, so they are left out.
 */
import { createHash } from 'node:crypto';
import type { AdvisoryDbReader } from '../../advisory/db/types.js';

/** The reads a computation made: affected packages by ecosystem, vulnerability ids, KEV ids. */
export interface Lookups {
  affected: Record<string, string[]>;
  vulnerabilities: string[];
  kev: string[];
}

/** An empty set of reads. */
export function noLookups(): Lookups {
  return { affected: {}, vulnerabilities: [], kev: [] };
}

/** Both sets of reads together (sorted, without repeats). */
export function unionLookups(a: Lookups, b: Lookups): Lookups {
  const affected: Record<string, string[]> = {};
  for (const eco of new Set([...Object.keys(a.affected), ...Object.keys(b.affected)]))
    affected[eco] = sortedSet([...(a.affected[eco] ?? []), ...(b.affected[eco] ?? [])]);
  return {
    affected,
    vulnerabilities: sortedSet([...a.vulnerabilities, ...b.vulnerabilities]),
    kev: sortedSet([...a.kev, ...b.kev]),
  };
}

/** A reader that notes every read it passes on; `lookups()` gives them. */
export function recordingReader(reader: AdvisoryDbReader): {
  reader: AdvisoryDbReader;
  lookups(): Lookups;
} {
  const affected = new Map<string, Set<string>>();
  const vulnerabilities = new Set<string>();
  const kev = new Set<string>();
  return {
    reader: {
      ...reader,
      meta: () => reader.meta(),
      history: () => reader.history(),
      ecosystems: () => reader.ecosystems(),
      epss: (ids) => reader.epss(ids),
      close: () => Promise.resolve(),
      affected(ecosystem, packages, options) {
        let set = affected.get(ecosystem);
        if (!set) affected.set(ecosystem, (set = new Set()));
        for (const p of packages) set.add(p);
        return reader.affected(ecosystem, packages, options);
      },
      vulnerabilities(ids) {
        for (const id of ids) vulnerabilities.add(id);
        return reader.vulnerabilities(ids);
      },
      kev(ids) {
        for (const id of ids) kev.add(id);
        return reader.kev(ids);
      },
    },
    lookups: () => ({
      affected: Object.fromEntries([...affected].map(([eco, set]) => [eco, sortedSet(set)])),
      vulnerabilities: sortedSet(vulnerabilities),
      kev: sortedSet(kev),
    }),
  };
}

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

function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
