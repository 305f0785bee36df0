/**
 * An advisory DB reader that remembers what it has read, for one replay of many digests of a tag:
 * consecutive digests share most of their packages, so the rows of every time of a package, and
 * the records, KEV dates and EPSS scores of a vulnerability, are read once, not once per digest.
 * Only the all-times lookups a replay makes, and the DB's identity, are cached; any other query goes
 * to the DB.
 */
import type { AdvisoryDbReader, AffectedRecord, VulnerabilityRecord } from '../advisory/db/types.js';
import { packageKey } from '../advisory/package-name.js';

function memo<V>(cache: Map<string, V | null>, fetch: (ids: string[]) => Promise<Map<string, V>>) {
  return async (ids: string[]): Promise<Map<string, V>> => {
    const missing = [...new Set(ids.filter((id) => !cache.has(id)))];
    if (missing.length) {
      const found = await fetch(missing);
      for (const id of missing) cache.set(id, found.get(id) ?? null);
    }
    const out = new Map<string, V>();
    for (const id of ids) {
      const v = cache.get(id);
      if (v !== null && v !== undefined) out.set(id, v);
    }
    return out;
  };
}

/** Wraps a reader for the span of one replay; closing it does not close the reader underneath. */
export function cachingReader(reader: AdvisoryDbReader): AdvisoryDbReader {
  const rows = new Map<string, AffectedRecord[]>();
  const vulnerabilities = memo(new Map<string, VulnerabilityRecord | null>(), (ids) =>
    reader.vulnerabilities(ids),
  );
  const kev = memo(new Map<string, string | null>(), (ids) => reader.kev(ids));
  const epss = memo(new Map<string, number | null>(), (ids) => reader.epss(ids));
  let meta: ReturnType<AdvisoryDbReader['meta']> | undefined; // asked by every digest's days
  return {
    ...reader,
    meta: () => (meta ??= reader.meta()),
    history: () => reader.history(),
    ecosystems: () => reader.ecosystems(),
    async affected(ecosystem, packages, options) {
      if (!options?.allTimes) return reader.affected(ecosystem, packages, options);
      // the DB answers under the feeds' spelling (PEP 503 for PyPI): key both sides the same way
      const key = (p: string) => `${ecosystem}\0${packageKey(ecosystem, p)}`;
      const missing = [...new Set(packages.filter((p) => !rows.has(key(p))))];
      if (missing.length) {
        const found = await reader.affected(ecosystem, missing, options);
        for (const p of missing) rows.set(key(p), []);
        for (const r of found) rows.get(key(r.package))?.push(r);
      }
      return [...new Set(packages.map(key))].flatMap((k) => rows.get(k) ?? []);
    },
    vulnerabilities,
    kev,
    epss,
    close: () => Promise.resolve(),
  };
}
