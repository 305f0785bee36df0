/**
 * `Conflicts` and `Breaks` between the packages of a closure (Policy §7.4, §7.3): any package that
 * declares one against another package of the closure, by name or through a virtual name another
 * package provides, makes the closure impossible. A package never conflicts with itself (the usual
 * `Provides: x, Conflicts: x` idiom).
 */
import { InputError } from '../errors.js';
import { dpkgScheme } from '../version/dpkg/dpkg.js';
import type { PackageRecord } from './packages-index.js';
import { chainOf, type Reason } from './explain.js';
import { formatRelation, parseRelations, versionSatisfies } from './relations.js';

const compare = (a: string, b: string) => dpkgScheme.compare(a, b);

/** Throws one sentence naming both chains when two packages of the closure conflict. */
export function checkConflicts(
  packages: readonly PackageRecord[],
  reasons: ReadonlyMap<string, Reason>,
): void {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const providers = new Map<string, { record: PackageRecord; version?: string }[]>();
  for (const record of packages)
    for (const group of parseRelations(record.provides))
      for (const p of group) {
        const list = providers.get(p.name) ?? [];
        list.push({ record, version: p.op === '=' ? p.version : undefined });
        providers.set(p.name, list);
      }
  for (const record of packages) {
    for (const [field, text] of [
      ['Conflicts', record.conflicts],
      ['Breaks', record.breaks],
    ] as const) {
      for (const group of parseRelations(text)) {
        for (const term of group) {
          const real = byName.get(term.name);
          const hits: PackageRecord[] = [];
          if (real && real !== record && versionSatisfies(term, real.version, compare)) hits.push(real);
          for (const p of providers.get(term.name) ?? []) {
            if (p.record === record) continue;
            if (!term.op || (p.version && versionSatisfies(term, p.version, compare))) hits.push(p.record);
          }
          const other = hits[0];
          if (!other) continue;
          throw new InputError(
            `${record.name} ${record.version} (needed by ${chainOf(record.name, reasons).join(' → ')}) ` +
              `${field === 'Conflicts' ? 'conflicts with' : 'breaks'} ${formatRelation(term)}, ` +
              `which ${other.name} ${other.version} is (needed by ${chainOf(other.name, reasons).join(' → ')})`,
          );
        }
      }
    }
  }
}
