import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildAdvisoryDb } from './build.js';
import { advisoryItem, itemsFeed, writeItems } from './items-feed.test-helper.js';
import { openAdvisoryDb } from './reader.js';

const feeds = new Map([['osv', itemsFeed('osv')]]);
let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'cleanroom-swap-'))));
afterEach(async () => rm(dir, { recursive: true, force: true }));

it('a reader kept open reads the new build once db update has swapped it in', async () => {
  const source = join(dir, 'osv.items.jsonl');
  const out = join(dir, 'advisory.db');
  const affected = { ecosystem: 'PyPI', package: 'flask', ranges: [], fixState: 'not-fixed' as const };
  await writeItems(source, [advisoryItem({ id: 'CVE-2024-1', affected: [affected] })]);
  await buildAdvisoryDb({ sources: [{ path: source }], out, feeds, now: '2024-01-01T00:00:00.000Z' });
  const reader = await openAdvisoryDb(out);
  expect((await reader.meta()).builtAt).toBe('2024-01-01T00:00:00.000Z');
  await writeItems(source, [
    advisoryItem({ id: 'CVE-2024-1', affected: [affected] }),
    advisoryItem({ id: 'CVE-2024-2', affected: [affected] }),
  ]);
  await buildAdvisoryDb({ sources: [{ path: source }], out, feeds, now: '2024-02-01T00:00:00.000Z' });
  expect((await reader.meta()).builtAt).toBe('2024-02-01T00:00:00.000Z');
  expect((await reader.affected('PyPI', ['flask'])).map((r) => r.vulnerability).sort()).toEqual([
    'CVE-2024-1',
    'CVE-2024-2',
  ]);
  await reader.close();
});
