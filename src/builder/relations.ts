/**
 * Package relationship fields (`Depends`, `Pre-Depends`, `Provides`, `Conflicts`, `Breaks`), read
 * as Debian Policy §7.1 writes them: comma-separated groups, `|` between alternatives, an optional
 * `(op version)`, an optional `:arch` qualifier, and architecture lists `[…]` or build profiles
 * `<…>` (source packages only, accepted and dropped here).
 * https://www.debian.org/doc/debian-policy/ch-relationships.html
 */

export type RelationOp = '<<' | '<=' | '=' | '>=' | '>>';

/** One `name[:arch] [(op version)]` term. */
export interface Relation {
  name: string;
  /** `any`, `native` or an architecture name, when the term carries a qualifier */
  archQualifier?: string;
  op?: RelationOp;
  version?: string;
  /** architectures the term is restricted to (`[amd64 !i386]`), as written */
  archList?: string[];
}

/** Alternatives: the group is satisfied by the first term that can be. */
export type RelationGroup = Relation[];

const TERM =
  /^([a-z0-9][a-z0-9+.-]*)(?::([a-z0-9-]+))?\s*(?:\(\s*(<<|<=|>=|>>|=|<|>)\s*([0-9A-Za-z][^)\s]*)\s*\))?\s*(?:\[([^\]]*)\])?\s*(?:<[^>]*>\s*)*$/i;

/** Reads one term; throws a sentence naming the text when it is not one. */
export function parseRelation(text: string): Relation {
  const m = TERM.exec(text.trim());
  if (!m) throw new Error(`"${text.trim()}" is not a package relation`);
  const [, name, arch, rawOp, version, archList] = m;
  const relation: Relation = { name: name!.toLowerCase() };
  if (arch) relation.archQualifier = arch.toLowerCase();
  if (rawOp) {
    // `<` and `>` are the obsolete spellings of `<=` and `>=` (Policy §7.1)
    relation.op = rawOp === '<' ? '<=' : rawOp === '>' ? '>=' : (rawOp as RelationOp);
    relation.version = version!;
  }
  if (archList !== undefined) relation.archList = archList.trim().split(/\s+/).filter(Boolean);
  return relation;
}

/** Reads a whole relationship field into its groups of alternatives. */
export function parseRelations(field: string | undefined): RelationGroup[] {
  if (!field || !field.trim()) return [];
  return field
    .split(',')
    .map((group) => group.trim())
    .filter(Boolean)
    .map((group) => group.split('|').map(parseRelation));
}

/** Whether an `[arch …]` restriction lets the term apply on this architecture. */
export function appliesToArch(relation: Relation, arch: string): boolean {
  const list = relation.archList;
  if (!list || list.length === 0) return true;
  const negated = list.every((a) => a.startsWith('!'));
  return negated ? !list.includes(`!${arch}`) : list.includes(arch) || list.includes('any');
}

/** Whether `version` passes the term's `(op version)`, given a -1/0/1 comparator. */
export function versionSatisfies(
  relation: Pick<Relation, 'op' | 'version'>,
  version: string,
  compare: (a: string, b: string) => number,
): boolean {
  if (!relation.op || relation.version === undefined) return true;
  const c = compare(version, relation.version);
  switch (relation.op) {
    case '<<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '=':
      return c === 0;
    case '>=':
      return c >= 0;
    case '>>':
      return c > 0;
  }
}

/** The term as Debian writes it: `libc6 (>= 2.34)`, `python3:any`. */
export function formatRelation(relation: Relation): string {
  const arch = relation.archQualifier ? `:${relation.archQualifier}` : '';
  const version = relation.op ? ` (${relation.op} ${relation.version})` : '';
  return `${relation.name}${arch}${version}`;
}
