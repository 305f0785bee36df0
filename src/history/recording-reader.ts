/**
 * A reader that notes what it is asked: which packages' rows, which vulnerability records and KEV
 * entries. A replay prepared through it knows what it read (replay.ts `PreparedReplay.lookups`),
 * which is what a materialised series' fingerprint is made of (src/history/materialise/lookups.ts).
 */
import type { AdvisoryDbReader } from '../advisory/db/types.js';

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

function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
