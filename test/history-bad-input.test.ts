/**
 * Bad input to the history commands: one sentence naming the input, exit 2, the store unchanged
 * (every row of every table compared before and after).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { cli, storeBackends, storeSnapshot } from './history-helpers.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-history-bad-');
const backends = storeBackends();
const sbom = fixture('history', 'debian', 'python-bookworm-pinned-2023-06-10.cdx.json');
const notJson = join(tmp.dir, 'notes.txt');
writeFileSync(notJson, 'hello\n');
let db: string;
beforeAll(async () => {
  db = await buildDb(tmp.dir, [{ feed: 'osv', path: fixture('history', 'debian', 'osv') }]);
}, 120_000);
afterAll(tmp.cleanup);

describe.each(backends)('bad input ($name)', (backend) => {
  let store: string;
  beforeAll(async () => {
    store = await backend.fresh(tmp.dir);
    expect((await cli('track', sbom, '--as', 'python:pinned', '--db', db, '--store', store)).code).toBe(0);
  }, 120_000);

  const cases: [string, () => string[], RegExp][] = [
    ['an unknown image', () => ['history', 'nope:1', '--store', store], /unknown image nope/],
    [
      'an unknown tag',
      () => ['history', 'python:9', '--store', store],
      /unknown tag python:9: the image has pinned/,
    ],
    [
      'a date that is not a date',
      () => ['history', 'python:pinned', '--from', '2024-02-30', '--store', store],
      /--from: "2024-02-30" is not a date/,
    ],
    [
      '--from after --to',
      () => ['history', 'python:pinned', '--from', '2024-03-01', '--to', '2024-02-01', '--store', store],
      /--from 2024-03-01 is after --to 2024-02-01/,
    ],
    [
      'a compare with an unknown tag',
      () => ['compare', 'python:pinned', 'python:other', '--store', store],
      /unknown tag python:other/,
    ],
    [
      'a pin before the first digest',
      () => ['compare', 'python:pinned@2020-01-01', 'python:pinned', '--db', db, '--store', store],
      /was not recorded on or before 2020-01-01/,
    ],
    [
      'a pin to a digest the tag never had',
      () => [
        'compare',
        `python:pinned@sha256:${'0'.repeat(64)}`,
        'python:pinned',
        '--db',
        db,
        '--store',
        store,
      ],
      /never pointed to sha256:0000/,
    ],
    [
      'a file neither Grype nor Trivy',
      () => ['import', notJson, '--as', 'python:pinned', '--store', store],
      /notes\.txt is neither a Grype nor a Trivy JSON result/,
    ],
    [
      '--as without a tag',
      () => ['track', sbom, '--as', 'python', '--db', db, '--store', store],
      /--as: "python" names no tag/,
    ],
    [
      'a bad --at',
      () => ['track', sbom, '--as', 'python:x', '--at', 'yesterday-ish', '--db', db, '--store', store],
      /--at: "yesterday-ish" is not a date/,
    ],
    [
      'one unreadable source among good ones',
      () => [
        'track',
        sbom,
        join(tmp.dir, 'missing.cdx.json'),
        '--as',
        'python:x',
        '--db',
        db,
        '--store',
        store,
      ],
      /missing\.cdx\.json/,
    ],
  ];

  it.each(cases)('%s: one sentence, exit 2, store unchanged', async (_name, args, message) => {
    const before = await storeSnapshot(store);
    const r = await cli(...args());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
    expect(await storeSnapshot(store)).toBe(before);
  });

  it('a missing SQLite store is named, not created', async () => {
    const missing = join(tmp.dir, 'none', 'history.db');
    const r = await cli('history', 'python:pinned', '--store', missing);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/there is no history store at .*none\/history\.db/);
  });
});
