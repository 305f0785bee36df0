/**
 * The package lists of a suggestion: each package of the built closure with why it is in (the
 * analysis' reasons for a declared one, the Depends chain for the rest), the original's packages
 * left out, and `--explain PACKAGE`'s chain.
 */
import { InputError } from '../../errors.js';
import type { Inventory } from '../../catalog/types.js';
import { explainPackage } from '../explain.js';
import type { Resolution } from '../resolve.js';
import type { Analysis } from './analysis-types.js';
import type { SuggestedPackage } from './suggestion-types.js';

/** Every package of the closure, declared or pulled, with why. */
export function suggestedPackages(closure: Resolution, analysis: Analysis): SuggestedPackage[] {
  const declared = new Set(analysis.packages.keys());
  return closure.packages.map((p) => ({
    name: p.name,
    version: p.version,
    declared: declared.has(p.name),
    reasons: analysis.packages.get(p.name) ?? explainPackage(p.name, closure.reasons) ?? [],
  }));
}

/** The original's Debian packages that the suggestion does not hold, sorted. */
export function leftOutPackages(inventory: Inventory, packages: readonly SuggestedPackage[]): string[] {
  const kept = new Set(packages.map((p) => p.name));
  return [...new Set(inventory.packages.filter((p) => p.type === 'deb').map((p) => p.name))]
    .filter((n) => !kept.has(n))
    .sort();
}

/** Why `name` is in: the analysis' reasons for the root of its chain, then each Depends step. */
export function explainSuggested(
  name: string,
  source: string,
  closure: Resolution,
  analysis: Analysis,
  packages: readonly SuggestedPackage[],
): string[] {
  const chain = explainPackage(name, closure.reasons);
  if (!chain)
    throw new InputError(
      `${name} is not in the suggestion for ${source}; it holds ${packages.map((p) => p.name).join(', ')}`,
    );
  const root = chain[0]!.split(':')[0]!;
  return [...(analysis.packages.get(root) ?? []).map((r) => `${root}: ${r}`), ...chain.slice(1)];
}
