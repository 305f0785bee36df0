/**
 * Bad input that used to change the store (issue 22): an SBOM timestamp outside 1970–2100 or not
 * a date, a peer result whose digest is not `algorithm:hex` of the right length or whose scan time
 * is not a time, a truncated CycloneDX file. Each is exit 2 on the CLI and 400 from a real
 * `serve`, in one sentence naming the input, and the store is unchanged (its file's checksum).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/history/store/queries-tokens.js';
import { openHistoryStore } from '../src/history/store/open.js';
import { getJson, startServer, type Server } from './api-helpers.js';
import { cli } from './cli-in-process.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-server-bad-');
const store = join(tmp.dir, 'history.db');
const sbomText = readFileSync(fixture('history', 'wolfi', 'python', '2023-06-01.cdx.json'), 'utf8');
const withTimestamp = (t: string) =>
  sbomText.replace('"timestamp": "2023-06-01T00:00:00Z"', `"timestamp": "${t}"`);
const trivy = (digest: string, createdAt = '2024-05-01T10:00:00Z') => ({
  SchemaVersion: 2,
  CreatedAt: createdAt,
  ArtifactName: 'x:1',
  Metadata: { RepoDigests: [digest] },
  Results: [],
});
let db: string;
let token: string;
let server: Server;

const checksum = () =>
  ['', '-wal']
    .map((s) => `${store}${s}`)
    .filter((f) => existsSync(f))
    .map((f) => createHash('sha256').update(readFileSync(f)).digest('hex'))
    .join(' ');
const post = (path: string, body: string) =>
  getJson(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
const file = (name: string, text: string) => {
  const path = join(tmp.dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  db = await buildDb(tmp.dir, [{ feed: 'wolfi-advisories', path: fixture('wolfi-advisories') }]);
  const s = await openHistoryStore(store);
  token = (await createToken(s, 'write')).token;
  await s.close();
  expect(
    (
      await cli(
        'track',
        fixture('history', 'wolfi', 'python', '2023-06-03.cdx.json'),
        '--as',
        'py:1',
        '--store',
        store,
        '--db',
        db,
      )
    ).code,
  ).toBe(0);
  server = await startServer(['--store', store, '--db', db]);
}, 180_000);
afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  tmp.cleanup();
});

describe('refused, the store unchanged', () => {
  const cases: {
    name: string;
    cli: () => string[];
    api: () => Promise<{ status: number; body: { message: string } }>;
    says: RegExp;
  }[] = [
    {
      name: 'an SBOM timestamp in year 99999',
      cli: () => ['track', file('far.cdx.json', withTimestamp('99999-01-01T00:00:00Z')), '--as', 'py:1'],
      api: () => post('/api/track?as=py:1', withTimestamp('99999-01-01T00:00:00Z')),
      says: /timestamp "99999-01-01T00:00:00Z" is not a date/,
    },
    {
      name: 'an SBOM timestamp 0000-00-00',
      cli: () => ['track', file('zero.cdx.json', withTimestamp('0000-00-00')), '--as', 'py:1'],
      api: () => post('/api/track?as=py:1', withTimestamp('0000-00-00')),
      says: /timestamp "0000-00-00" is not a date/,
    },
    {
      name: 'an SBOM timestamp in 1901',
      cli: () => ['track', file('old.cdx.json', withTimestamp('1901-01-01T00:00:00Z')), '--as', 'py:1'],
      api: () => post('/api/track?as=py:1', withTimestamp('1901-01-01T00:00:00Z')),
      says: /outside 1970–2100/,
    },
    {
      name: 'a Trivy digest that is no digest',
      cli: () => ['import', file('bad-digest.json', JSON.stringify(trivy('x@not-a-digest'))), '--as', 'py:1'],
      api: () => post('/api/import?as=py:1', JSON.stringify(trivy('x@not-a-digest'))),
      says: /"not-a-digest" is not a digest/,
    },
    {
      name: 'a sha256 digest of the wrong length',
      cli: () => ['import', file('short.json', JSON.stringify(trivy('x@sha256:abc'))), '--as', 'py:1'],
      api: () => post('/api/import?as=py:1', JSON.stringify(trivy('x@sha256:abc'))),
      says: /"sha256:abc" is not a digest/,
    },
    {
      name: 'a Trivy scan time in year 99999',
      cli: () => [
        'import',
        file('far.json', JSON.stringify(trivy(`x@sha256:${'a'.repeat(64)}`, '99999-01-01T00:00:00Z'))),
        '--as',
        'py:1',
      ],
      api: () =>
        post(
          '/api/import?as=py:1',
          JSON.stringify(trivy(`x@sha256:${'a'.repeat(64)}`, '99999-01-01T00:00:00Z')),
        ),
      says: /CreatedAt "99999-01-01T00:00:00Z" is not a date/,
    },
  ];

  it.each(cases)('$name: exit 2 and 400', async (c) => {
    const before = checksum();
    const args = c.cli();
    const run = await cli(...args, '--store', store, ...(args[0] === 'track' ? ['--db', db] : []));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(c.says);
    const res = await c.api();
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(c.says);
    expect(checksum()).toBe(before);
  });

  it('a truncated CycloneDX file is reported as a truncated SBOM', async () => {
    const before = checksum();
    const cut = file('cut.cdx.json', sbomText.slice(0, Math.floor(sbomText.length / 2)));
    const run = await cli('track', cut, '--as', 'py:1', '--store', store, '--db', db);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${cut} is a truncated CycloneDX SBOM`);
    const scan = await cli('scan', cut, '--db', db);
    expect(scan.code).toBe(2);
    expect(scan.stderr).toContain('is a truncated CycloneDX SBOM');
    expect(checksum()).toBe(before);
  });
});
