import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parseConstraint, satisfies } from './constraint.js';

describe('satisfies (simple constraints)', () => {
  it('reads single clauses, conjunctions and alternatives', () => {
    expect(satisfies('dpkg', '1.2.2-1', '< 1.2.3')).toBe(true);
    expect(satisfies('dpkg', '1.2.3~rc1', '<1.2.3')).toBe(true);
    expect(satisfies('dpkg', '1.2.3', '< 1.2.3')).toBe(false);
    expect(satisfies('semver', '1.5.0', '>= 1, < 2')).toBe(true);
    expect(satisfies('semver', '2.0.0', '>= 1, < 2')).toBe(false);
    expect(satisfies('semver', '2.0.0', '>= 1, < 2 || = 2.0.0')).toBe(true);
    expect(satisfies('maven', '1.0', '= 1.0.0')).toBe(true);
    expect(satisfies('maven', '1.0', '1.0.ga')).toBe(true);
    expect(satisfies('rpm', '1:1.0', '!= 1.0')).toBe(true);
  });

  it('refuses a clause that is not OP VERSION', () => {
    expect(() => parseConstraint('>= 1, ')).toThrow(InputError);
    expect(() => parseConstraint('< 1 2')).toThrow(InputError);
  });
});
