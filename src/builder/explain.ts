/** Why a package is in a resolved closure: the chain of dependencies from a declared package. */

/** Why one package was chosen: declared in the image file, or asked for by another package. */
export type Reason =
  | { kind: 'declared'; name: string; asked: string }
  | {
      kind: 'dependency';
      name: string;
      parent: string;
      field: 'Depends' | 'Pre-Depends';
      /** the group that chose it, as written (alternatives joined by ` | `) */
      relation: string;
    };

/** The names from a declared package down to `name` (shortest: resolution is breadth-first). */
export function chainOf(name: string, reasons: ReadonlyMap<string, Reason>): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  let current: string | undefined = name;
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    chain.unshift(current);
    const reason = reasons.get(current);
    current = reason?.kind === 'dependency' ? reason.parent : undefined;
  }
  return chain;
}

/** Lines that say why `name` is in the closure, one step per line; undefined when it is not in. */
export function explainPackage(name: string, reasons: ReadonlyMap<string, Reason>): string[] | undefined {
  if (!reasons.has(name)) return undefined;
  return chainOf(name, reasons).map((step) => {
    const reason = reasons.get(step)!;
    if (reason.kind === 'declared')
      return reason.asked === step
        ? `${step}: declared in the image file`
        : `${step}: declared in the image file as ${reason.asked}, which it provides`;
    return `${step}: ${reason.field} of ${reason.parent}: ${reason.relation}`;
  });
}
