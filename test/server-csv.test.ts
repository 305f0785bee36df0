/**
 * Safe exports (issue 22): every CSV cleanroom writes (scan, history, resolved, the report through
 * the API) holds a text cell that begins with `=`, `+`, `-` or `@` neutralised by a leading `'`,
 * checked cell by cell, numbers left as numbers; a hostile image name is refused by the CLI (exit
 * 2) and by a real `serve` (400), and the store is unchanged.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createToken } from '../src/history/store/queries-tokens.js';
import { openHistoryStore } from '../src/history/store/open.js';
import { csvScanFormat } from '../src/report/scan/csv.js';
import type { ScanResult } from '../src/match/types.js';
import { getJson, startServer, type Server } from './api-helpers.js';
import { cli } from './cli-in-process.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';

const HOSTILE = ['=HYPERLINK("http://x","y")', '+cmd|/C calc', '-2+3', '@SUM(1,1)', '\tx', '\rx'];
const tmp = tempDir('cleanroom-server-csv-');
const store = join(tmp.dir, 'history.db');
let token: string;
let db: string;
let server: Server;

/** RFC 4180 rows: quoted fields with doubled quotes, CRLF between rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

/** Every cell that a spreadsheet would run is neutralised; returns how many hostile cells were seen. */
function expectNeutralised(csv: string): number {
  let seen = 0;
  for (const row of parseCsv(csv))
    for (const cell of row) {
      if (/^-?\d+(\.\d+)?$/.test(cell)) continue; // a number stays a number
      expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
      if (HOSTILE.some((h) => cell === `'${h}`)) seen += 1;
    }
  return seen;
}

const trivy = (digest: string, createdAt: string, vulns: { id: string; pkg: string }[]) => ({
  SchemaVersion: 2,
  CreatedAt: createdAt,
  ArtifactName: 'hostile:1',
  Trivy: { Version: '0.50.0' },
  Metadata: { RepoDigests: [`example.com/hostile@sha256:${digest.repeat(64)}`] },
  Results: [
    {
      Vulnerabilities: vulns.map((v) => ({
        VulnerabilityID: v.id,
        PkgName: v.pkg,
        InstalledVersion: '1.0',
        FixedVersion: '1.1',
        Status: 'fixed',
        Severity: 'HIGH',
      })),
    },
  ],
});
const post = (path: string, body: unknown) =>
  getJson(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
const checksum = () => createHash('sha256').update(readFileSync(store)).digest('hex');

beforeAll(async () => {
  const s = await openHistoryStore(store);
  token = (await createToken(s, 'write')).token;
  await s.close();
  db = await buildDb(tmp.dir, [{ feed: 'alpine-secdb', path: fixture('alpine-secdb') }]);
  server = await startServer(['--store', store, '--db', db]);
  const vulns = HOSTILE.map((h, i) => ({ id: h, pkg: HOSTILE[(i + 1) % HOSTILE.length]! }));
  // a rebuild on the second day resolves every one of them
  expect((await post('/api/import?as=hostile:1', trivy('a', '2024-05-01T10:00:00Z', vulns))).status).toBe(
    201,
  );
  expect((await post('/api/import?as=hostile:1', trivy('b', '2024-05-02T10:00:00Z', []))).status).toBe(201);
}, 120_000);
afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  tmp.cleanup();
});

it('neutralises the report CSV the API serves, cell by cell', async () => {
  const res = await fetch(
    `${server.url}/api/report?images=hostile:1&from=2024-04-30&to=2024-05-03&format=csv`,
  );
  expect(res.status).toBe(200);
  const csv = await res.text();
  expect(expectNeutralised(csv)).toBeGreaterThanOrEqual(HOSTILE.length);
});

it('neutralises the CSV of resolved and history on the command line', async () => {
  const resolved = await cli(
    'resolved',
    'hostile:1',
    '--store',
    store,
    '--db',
    db,
    '--from',
    '2024-04-30',
    '--to',
    '2024-05-03',
    '--format',
    'csv',
  );
  expect(resolved.stderr).toBe('');
  expect(resolved.code).toBe(0);
  expect(expectNeutralised(resolved.stdout)).toBeGreaterThanOrEqual(HOSTILE.length);
  const history = await cli(
    'history',
    'hostile:1',
    '--store',
    store,
    '--db',
    db,
    '--from',
    '2024-04-30',
    '--to',
    '2024-05-03',
    '--format',
    'csv',
  );
  expect(history.code).toBe(0);
  expectNeutralised(history.stdout);
});

it('neutralises the scan CSV, and leaves numbers as numbers', () => {
  const finding = (id: string, pkg: string) => ({
    vulnerability: id,
    aliases: [],
    package: {
      name: pkg,
      version: '-1',
      type: 'apk',
      purl: `pkg:apk/${pkg}`,
      locations: [],
      layer: '@layer',
    },
    fixState: 'fixed',
    fixedVersion: '+2',
    severity: 'high',
    kev: false,
    epss: 0.25,
    matchedBy: 'test',
  });
  const scan = { findings: HOSTILE.map((h) => finding(h, h)), suppressed: [] } as unknown as ScanResult;
  const csv = csvScanFormat.render(scan, {} as never) as string;
  expect(expectNeutralised(csv)).toBeGreaterThanOrEqual(HOSTILE.length * 2);
  const rows = parseCsv(csv);
  expect(rows[1]).toContain('-1'); // a version that is a number stays one
  expect(rows[1]).toContain('0.25');
  expect(rows[1]).toContain("'+2");
});

it('refuses a hostile image name in the CLI and the API, the store unchanged', async () => {
  const sbom = join(tmp.dir, 'empty.cdx.json');
  writeFileSync(sbom, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', components: [] }));
  const before = checksum();
  for (const name of ['<img src=x onerror=alert(1)>', '../../etc', 'a|b', '=cmd']) {
    const run = await cli('import', sbom, '--as', `${name}:1`, '--store', store);
    expect(run.code, name).toBe(2);
    expect(run.stderr).toContain('is not an image name by the OCI distribution reference grammar');
    const res = await post(
      `/api/import?as=${encodeURIComponent(`${name}:1`)}`,
      trivy('c', '2024-05-03T10:00:00Z', []),
    );
    expect(res.status, name).toBe(400);
    const watch = await post('/api/watches', { refs: [`${name}:1`] });
    expect(watch.status, name).toBe(400);
  }
  expect(checksum()).toBe(before);
});
