/**
 * Every package one architecture can install from a set of indexes: real packages by name (highest
 * version first) and virtual names by the packages that provide them, read from the indexes on
 * demand and remembered.
 */
import { dpkgScheme } from '../version/dpkg/dpkg.js';
import type { PackageRecord, PackagesIndex } from './packages-index.js';
import { parseRelations, type Relation } from './relations.js';

/** A package providing a (virtual) name, with the version it provides when it says one. */
export interface Provider {
  record: PackageRecord;
  version?: string;
}

/** The installable packages of one architecture. */
export interface PackageUniverse {
  arch: string;
  /** the versions of a real package, highest first */
  candidates(name: string): readonly PackageRecord[];
  /** the packages providing a name */
  providers(name: string): readonly Provider[];
}

/** Orders dpkg versions, highest first. */
export const byVersionDescending = (a: PackageRecord, b: PackageRecord) =>
  dpkgScheme.compare(b.version, a.version);

/** Keeps records of `arch` and `all`, one per version (the same version in two suites is one). */
function installable(records: PackageRecord[], arch: string): PackageRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    if ((r.arch !== arch && r.arch !== 'all') || seen.has(`${r.name}\0${r.version}`)) return false;
    seen.add(`${r.name}\0${r.version}`);
    return true;
  });
}

/** The universe of `arch` over these indexes (earlier indexes win a tie of name and version). */
export function packageUniverse(indexes: readonly PackagesIndex[], arch: string): PackageUniverse {
  const named = new Map<string, PackageRecord[]>();
  const provided = new Map<string, Provider[]>();
  const candidates = (name: string) => {
    let list = named.get(name);
    if (!list) {
      list = installable(
        indexes.flatMap((i) => i.named(name)),
        arch,
      ).sort(byVersionDescending);
      named.set(name, list);
    }
    return list;
  };
  const providers = (name: string) => {
    let list = provided.get(name);
    if (!list) {
      list = [];
      for (const record of installable(
        indexes.flatMap((i) => i.providing(name)),
        arch,
      ))
        for (const group of parseRelations(record.provides))
          for (const p of group)
            if (p.name === name) list.push(p.op === '=' ? { record, version: p.version } : { record });
      provided.set(name, list);
    }
    return list;
  };
  return { arch, candidates, providers };
}

/** Whether a relation's architecture qualifier can be met by this package. */
export function qualifierFits(relation: Relation, record: PackageRecord, arch: string): boolean {
  const q = relation.archQualifier;
  if (!q || q === 'native') return true;
  // `:any` asks for a package that is Multi-Arch: allowed (the MultiArch spec, Policy §7.1)
  if (q === 'any') return record.multiArch === 'allowed';
  return q === arch || record.arch === 'all';
}
