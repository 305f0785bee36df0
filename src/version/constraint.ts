/**
 * Simple version constraints as distribution trackers and CLI users write them: clauses of
 * `OP VERSION` joined by `,` (all must hold), alternatives joined by `||` (one must hold).
 * Operators: < <= > >= = == !=. Example: ">= 1.0, < 1.4.2 || = 2.0.0~rc1".
 */
import { InputError } from '../errors.js';
import { getScheme } from './registry.js';
import type { VersionScheme } from './types.js';

/** One comparison of a constraint. */
export interface ConstraintClause {
  op: '<' | '<=' | '>' | '>=' | '=' | '!=';
  version: string;
}

/** A parsed constraint: any alternative whose clauses all hold. */
export type Constraint = ConstraintClause[][];

const CLAUSE = /^(<=|>=|==|!=|<|>|=)?\s*(\S+)$/;

/** Parses a constraint text once, so that it can be checked against many versions. */
export function parseConstraint(text: string): Constraint {
  const alternatives = text.split('||').map((alt) =>
    alt.split(',').map((raw): ConstraintClause => {
      const m = CLAUSE.exec(raw.trim());
      if (!m)
        throw new InputError(
          `version constraint "${text}" has a clause "${raw.trim()}" that is not "OP VERSION"`,
        );
      const op = m[1] === '==' || m[1] === undefined ? '=' : (m[1] as ConstraintClause['op']);
      return { op, version: m[2]! };
    }),
  );
  return alternatives;
}

function holds(scheme: VersionScheme, version: string, c: ConstraintClause): boolean {
  const r = scheme.compare(version, c.version);
  switch (c.op) {
    case '<':
      return r < 0;
    case '<=':
      return r <= 0;
    case '>':
      return r > 0;
    case '>=':
      return r >= 0;
    case '=':
      return r === 0;
    case '!=':
      return r !== 0;
  }
}

/** Whether a version satisfies a constraint (text or parsed) in a scheme. */
export function satisfies(
  scheme: VersionScheme | string,
  version: string,
  constraint: string | Constraint,
): boolean {
  const s = typeof scheme === 'string' ? getScheme(scheme) : scheme;
  const parsed = typeof constraint === 'string' ? parseConstraint(constraint) : constraint;
  return parsed.some((clauses) => clauses.every((c) => holds(s, version, c)));
}
