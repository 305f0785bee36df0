/**
 * The dependency closure of the declared packages: every `Pre-Depends` and `Depends` group
 * satisfied, alternatives tried in order (the first that can be satisfied wins, as apt does),
 * virtual names through `Provides`, versioned constraints with the dpkg version order. Nothing is
 * added that no chain of dependencies asks for: Essential and Priority: required packages are not
 * special (Policy §3.8 lets packages omit dependencies on them; a minimal image runs no shell
 * scripts, so it does not need them). No backtracking: a group is settled when it is reached.
 */
import { InputError } from '../errors.js';
import { dpkgScheme } from '../version/dpkg/dpkg.js';
import { qualifierFits, type PackageUniverse, type Provider } from './package-universe.js';
import type { PackageRecord } from './packages-index.js';
import {
  appliesToArch,
  formatRelation,
  parseRelations,
  versionSatisfies,
  type Relation,
} from './relations.js';
import { checkConflicts } from './conflicts.js';
import { chainOf, type Reason } from './explain.js';

/** The resolved closure: packages sorted by name, and why each is in. */
export interface Resolution {
  arch: string;
  packages: PackageRecord[];
  reasons: ReadonlyMap<string, Reason>;
}

const compare = (a: string, b: string) => dpkgScheme.compare(a, b);
const PRIORITY_RANK: Record<string, number> = {
  required: 0,
  important: 1,
  standard: 2,
  optional: 3,
  extra: 4,
};
const rank = (p: Provider) => PRIORITY_RANK[p.record.priority ?? 'optional'] ?? 5;

/** What the image file and the lock file add to the declared names. */
export interface ResolveOptions {
  /** versions fixed by a lock file */
  pins?: ReadonlyMap<string, string>;
  /** names whose dependencies count as met without them (needed only by maintainer scripts) */
  exclude?: ReadonlySet<string>;
  /** packages taken without their own dependencies (ca-certificates: its data, not its script) */
  leaves?: ReadonlySet<string>;
}

/** Resolves the closure of `declared` (names) in `universe`. */
export function resolveClosure(
  universe: PackageUniverse,
  declared: readonly string[],
  options: ResolveOptions = {},
): Resolution {
  const pins = options.pins ?? new Map<string, string>();
  const exclude = options.exclude ?? new Set<string>();
  const leaves = options.leaves ?? new Set<string>();
  const chosen = new Map<string, PackageRecord>();
  const provided = new Map<string, Provider[]>();
  const reasons = new Map<string, Reason>();
  const queue: PackageRecord[] = [];
  const pinOk = (r: PackageRecord) => !pins.has(r.name) || pins.get(r.name) === r.version;

  const choose = (record: PackageRecord, reason: Reason) => {
    chosen.set(record.name, record);
    reasons.set(record.name, reason);
    for (const group of parseRelations(record.provides))
      for (const p of group) {
        const list = provided.get(p.name) ?? [];
        list.push(p.op === '=' ? { record, version: p.version } : { record });
        provided.set(p.name, list);
      }
    queue.push(record);
  };
  const providerFits = (term: Relation, p: Provider) =>
    !term.op || (p.version !== undefined && versionSatisfies(term, p.version, compare));
  const satisfied = (term: Relation) => {
    if (exclude.has(term.name)) return true;
    const real = chosen.get(term.name);
    if (real && qualifierFits(term, real, universe.arch) && versionSatisfies(term, real.version, compare))
      return true;
    return (provided.get(term.name) ?? []).some((p) => providerFits(term, p));
  };
  const candidate = (term: Relation): PackageRecord | undefined => {
    if (chosen.has(term.name)) return undefined; // one version per package: the chosen one did not fit
    const real = universe
      .candidates(term.name)
      .find(
        (r) =>
          pinOk(r) && qualifierFits(term, r, universe.arch) && versionSatisfies(term, r.version, compare),
      );
    if (real) return real;
    const providers = universe
      .providers(term.name)
      .filter((p) => providerFits(term, p) && pinOk(p.record) && !chosen.has(p.record.name))
      .filter((p) => universe.candidates(p.record.name)[0] === p.record || pins.has(p.record.name))
      .sort((a, b) => rank(a) - rank(b) || (a.record.name < b.record.name ? -1 : 1));
    return providers[0]?.record;
  };

  for (const name of [...new Set(declared)].sort()) {
    if (chosen.has(name)) continue;
    const record = candidate({ name });
    if (!record) {
      const pin = pins.get(name);
      throw new InputError(
        pin
          ? `package ${name} ${pin} (from the lock file) is not in the repositories' indexes`
          : `package ${name} is not in the repositories' indexes for ${universe.arch}`,
      );
    }
    choose(record, { kind: 'declared', name: record.name, asked: name });
  }
  while (queue.length > 0) {
    const record = queue.shift()!;
    if (leaves.has(record.name)) continue;
    for (const [field, text] of [
      ['Pre-Depends', record.preDepends],
      ['Depends', record.depends],
    ] as const) {
      for (const group of parseRelations(text)) {
        const terms = group.filter((t) => appliesToArch(t, universe.arch));
        if (terms.length === 0 || terms.some(satisfied)) continue;
        const relation = terms.map(formatRelation).join(' | ');
        const pick = terms.map(candidate).find((r) => r !== undefined);
        if (!pick) throw unsatisfiable(relation, terms, record.name, reasons, chosen, universe);
        choose(pick, { kind: 'dependency', name: pick.name, parent: record.name, field, relation });
      }
    }
  }
  const packages = [...chosen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  checkConflicts(packages, reasons);
  return { arch: universe.arch, packages, reasons };
}

function unsatisfiable(
  relation: string,
  terms: Relation[],
  parent: string,
  reasons: ReadonlyMap<string, Reason>,
  chosen: ReadonlyMap<string, PackageRecord>,
  universe: PackageUniverse,
): InputError {
  const found = terms.map((t) => {
    const c = chosen.get(t.name);
    if (c) return `${t.name} ${c.version} is already chosen`;
    const versions = universe.candidates(t.name).map((r) => r.version);
    return versions.length ? `${t.name} has ${versions.join(', ')}` : `${t.name} is in no index`;
  });
  return new InputError(
    `cannot satisfy ${relation}, needed by ${chainOf(parent, reasons).join(' → ')}: ${found.join('; ')}`,
  );
}
