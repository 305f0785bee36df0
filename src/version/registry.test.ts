/**
 * The contract every registered scheme must keep (DESIGN.md convention 2): one suite, run for each
 * entry of the registry. Samples come from the real vector fixtures where there are some.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { versionSchemes, findScheme, getScheme } from './registry.js';
import { InputError } from '../errors.js';
import type { VersionScheme } from './types.js';
import { loadVectors } from './vectors.test-helper.js';

const VECTOR_FILES: Record<string, string[]> = {
  dpkg: ['debian-versions.txt', 'debian-versions-generated.txt'],
  apk: ['alpine-versions-generated.txt'],
  rpm: ['redhat-versions.txt'],
  semver: ['semver-versions.txt'],
  pep440: ['pypi-versions.txt', 'pypi-versions-generated.txt'],
  maven: ['maven-versions.txt', 'maven-versions-generated.txt'],
  go: ['semver-versions.txt'],
  rubygems: ['rubygems-versions.txt', 'rubygems-versions-generated.txt'],
  generic: ['rubygems-versions.txt', 'nuget-versions.txt', 'packagist-versions.txt'],
};

const EXTRA: Record<string, string[]> = {
  go: ['v0.0.0-20191109021931-daa7c04131f5', 'v1.2.4-0.20191109021931-daa7c04131f5', 'v2.0.0+incompatible'],
  generic: ['1.0', '1-0', '1.0a', '2.0.0', '10'],
};

const INVALID: Record<string, string[]> = {
  dpkg: ['', '1:', 'x:1', '1.0-'],
  apk: ['', '1 2'],
  rpm: ['', ' '],
  semver: ['', 'x', '1.2.3-'],
  pep440: ['', '1 0'],
  maven: ['', '\t'],
  go: ['', 'vx'],
  rubygems: ['', 'junk', 'a b'],
  generic: ['', 'a b'],
};

/**
 * Versions left out of the transitivity check, because the order the vectors demand is itself not
 * transitive there: Maven (as the vectors follow it) reads "1.0.0.Beta20" as [1, 0, 0, beta, [20]]
 * but "1.0-pre11" as [1, [pre, [11]]], so 1 < 1.0-pre11 < 1.0.0.Beta20 < 1. Newer Maven reads ".X"
 * as "-X", which the vector files contradict (1.5.9.RC1 < 1.5.9-RC0).
 */
const NOT_TRANSITIVE: Record<string, RegExp> = { maven: /\.[a-z]/i };

/** Up to n distinct versions from the scheme's vector files, evenly spread, plus the extras. */
function sample(scheme: VersionScheme, n: number): string[] {
  const all = new Set<string>(EXTRA[scheme.name] ?? []);
  for (const file of VECTOR_FILES[scheme.name] ?? [])
    for (const v of loadVectors(file)) all.add(v.a).add(v.b);
  const list = [...all].filter((v) => scheme.isValid(v));
  const step = Math.max(1, Math.floor(list.length / n));
  return list.filter((_, i) => i % step === 0).slice(0, n);
}

describe.each([...versionSchemes.values()])('version scheme contract: $name', (scheme) => {
  const versions = sample(scheme, 250);

  it('has a sample to test with', () => expect(versions.length).toBeGreaterThan(4));

  it('is reflexive and antisymmetric, and returns only -1, 0 or 1', () => {
    for (const a of versions) {
      expect(scheme.compare(a, a), a).toBe(0);
      for (const b of versions) {
        const ab = scheme.compare(a, b);
        if (ab !== -1 && ab !== 0 && ab !== 1) expect.fail(`${a} vs ${b} gave ${String(ab)}`);
        if (scheme.compare(b, a) !== -ab) expect.fail(`${a} vs ${b}: ${ab} both ways`);
      }
    }
  });

  it('is transitive: after sorting, every earlier version is <= every later one', () => {
    const sorted = versions
      .filter((v) => !NOT_TRANSITIVE[scheme.name]?.test(v))
      .sort((a, b) => scheme.compare(a, b));
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        if (scheme.compare(sorted[i]!, sorted[j]!) > 0)
          expect.fail(`${sorted[i]} > ${sorted[j]} after sorting`);
      }
    }
  });

  it('throws InvalidVersionError exactly when isValid is false', () => {
    const valid = versions[0]!;
    const agrees = (v: string): boolean => {
      let threw = false;
      try {
        scheme.compare(v, valid);
        scheme.compare(valid, v);
      } catch (err) {
        threw = (err as Error).name === 'InvalidVersionError';
      }
      return threw === !scheme.isValid(v);
    };
    for (const bad of INVALID[scheme.name] ?? []) {
      expect(scheme.isValid(bad), JSON.stringify(bad)).toBe(false);
      expect(agrees(bad), JSON.stringify(bad)).toBe(true);
    }
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789.-~^+:_abrvpVZ '), maxLength: 12 }),
        agrees,
      ),
      { numRuns: 2000 },
    );
  });
});

describe('registry', () => {
  it('finds schemes by alias, case-insensitively, and lists the known ones for an unknown name', () => {
    expect(findScheme('Debian')?.name).toBe('dpkg');
    expect(findScheme('PyPI')?.name).toBe('pep440');
    expect(() => getScheme('cobol')).toThrow(InputError);
    expect(() => getScheme('cobol')).toThrow(/dpkg, apk, rpm, semver, pep440, maven, go, rubygems, generic/);
  });
});
