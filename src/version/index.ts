/** The version stage's public surface: compare, validate, evaluate ranges, pick a scheme. */
import { getScheme } from './registry.js';

export type { VersionScheme } from './types.js';
export { InvalidVersionError } from './types.js';
export { versionSchemes, schemeAliases, findScheme, getScheme } from './registry.js';
export { schemeForEcosystem, schemeNameForEcosystem } from './ecosystem.js';
export { isAffected, inRange } from './range.js';
export { parseConstraint, satisfies, type Constraint, type ConstraintClause } from './constraint.js';

/** Compares two versions in a scheme named by name or alias: -1 when a < b, 0 when equal, 1 when a > b. */
export function compareVersions(scheme: string, a: string, b: string): -1 | 0 | 1 {
  return getScheme(scheme).compare(a, b);
}
