import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAdvisoryDb, type BuildSource } from '../src/advisory/db/build.js';

/** A temp folder removed by the returned cleanup. */
export function tempDir(prefix = 'cleanroom-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Builds an advisory DB from fixture sources into `dir`, returning its path. */
export async function buildDb(dir: string, sources: BuildSource[], name = 'advisory.db'): Promise<string> {
  const out = join(dir, name);
  await buildAdvisoryDb({ sources, out, now: '2026-11-01T00:00:00.000Z' });
  return out;
}
