/** Runs the shared version-vector fixture files against a scheme (used by each scheme's test). */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { fixture } from '../../test/fixtures.js';
import type { VersionScheme } from './types.js';
import { expectedOrder, parseVectorFile, type VersionVector } from './vector-file.js';

/** The vectors of one fixture file, e.g. `debian-versions.txt`. */
export function loadVectors(file: string): VersionVector[] {
  return parseVectorFile(readFileSync(fixture('version-vectors', file), 'utf8'));
}

/** The vectors of a file whose compare result (both ways round) differs from the file. */
export function failingVectors(scheme: VersionScheme, vectors: VersionVector[]): string[] {
  const failures: string[] = [];
  for (const v of vectors) {
    const want = expectedOrder(v.op);
    let got: string;
    try {
      const ab = scheme.compare(v.a, v.b);
      const ba = scheme.compare(v.b, v.a);
      if (ab === want && ba === -want) continue;
      got = `${ab}/${ba}`;
    } catch (err) {
      got = err instanceof Error ? err.message : String(err);
    }
    failures.push(`line ${v.line}: ${v.a} ${v.op} ${v.b} (got ${got})`);
  }
  return failures;
}

/** Asserts every vector of the file holds for the scheme, and that the file is not empty. */
export function expectVectorsPass(scheme: VersionScheme, file: string): void {
  const vectors = loadVectors(file);
  expect(vectors.length).toBeGreaterThan(0);
  expect(failingVectors(scheme, vectors)).toEqual([]);
}
