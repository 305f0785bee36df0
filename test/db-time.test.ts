/**
 * Advisory data true to time (issue "advisory data true to time"): the answers of the DB do not
 * depend on the host's time zone, instants compare as instants, a bare date is the end of that
 * UTC day in the library and the CLI alike, and a replay answers what the advisories said then.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdvisoryDb } from '../src/advisory/db/build.js';
import { openAdvisoryDb } from '../src/advisory/db/reader.js';
import { scan } from '../src/scan.js';
import { fixture } from './fixtures.js';
import { tempDir } from './scan-helpers.js';
import { runCli } from './sbom-helpers.js';

const run = promisify(execFile);
const tmp = tempDir();
afterAll(tmp.cleanup);

// a Wolfi advisory as the issue tells it: detected 2024-01-10, fixed in 1.3.1-r0 on 2024-02-29
const advisories = `schema-version: 2.0.2
package:
  name: zlib
advisories:
  - id: CGA-test-zlib-0001
    aliases: [CVE-2099-0001]
    events:
      - timestamp: 2024-01-10T08:00:00Z
        type: detection
        data: { type: manual }
      - timestamp: 2024-02-29T12:00:00Z
        type: fixed
        data: { fixed-version: 1.3.1-r0 }
  - id: CGA-test-zlib-0002
    aliases: [CVE-2099-0002]
    events:
      - timestamp: 2024-02-01T00:00:00Z
        type: detection
      - timestamp: 2024-02-29T23:30:00Z
        type: fixed
        data: { fixed-version: 1.3.1-r0 }
`;

const sbomOf = (version: string) =>
  JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    metadata: { component: { type: 'container', name: 'cgr.dev/example/zlib' } },
    components: [
      { type: 'operating-system', name: 'wolfi', version: '20230201' },
      {
        type: 'library',
        name: 'zlib',
        version,
        purl: `pkg:apk/wolfi/zlib@${version}?arch=x86_64&distro=wolfi-20230201`,
      },
    ],
  });

let db: string;
let fixedSbom: string;
let olderSbom: string;
beforeAll(async () => {
  const yaml = join(tmp.dir, 'zlib.advisories.yaml');
  writeFileSync(yaml, advisories);
  db = join(tmp.dir, 'wolfi.db');
  await buildAdvisoryDb({
    sources: [{ feed: 'wolfi-advisories', path: yaml }],
    out: db,
    now: '2026-11-01T00:00:00.000Z',
  });
  fixedSbom = join(tmp.dir, 'zlib-1.3.1-r0.cdx.json');
  writeFileSync(fixedSbom, sbomOf('1.3.1-r0'));
  olderSbom = join(tmp.dir, 'zlib-1.3-r0.cdx.json');
  writeFileSync(olderSbom, sbomOf('1.3-r0'));
});

const states = async (sbom: string, asOf?: string) =>
  Object.fromEntries((await scan(sbom, { db, asOf })).findings.map((f) => [f.vulnerability, f.fixState]));

describe('replay answers what the advisories said that day', () => {
  it('counts the version that carries the fix as affected before the fix event, not after', async () => {
    expect(await states(fixedSbom, '2024-01-09')).toEqual({});
    expect((await states(fixedSbom, '2024-02-28'))['CVE-2099-0001']).toBe('not-fixed');
    expect((await states(fixedSbom, '2024-03-01'))['CVE-2099-0001']).toBeUndefined();
    expect(await states(fixedSbom)).toEqual({});
  });

  it('compares instants as instants: 01:00+02:00 is half an hour before a fix at 23:30Z', async () => {
    expect((await states(olderSbom, '2024-03-01T01:00:00+02:00'))['CVE-2099-0002']).toBe('not-fixed');
    expect((await states(olderSbom, '2024-03-01T02:00:00+02:00'))['CVE-2099-0002']).toBe('fixed');
  });

  it('reads a bare date as the end of that UTC day, in the library and in the CLI', async () => {
    // the fix of CVE-2099-0001 came at noon on 2024-02-29: known by the end of that day
    expect((await states(fixedSbom, '2024-02-29'))['CVE-2099-0001']).toBeUndefined();
    const reader = await openAdvisoryDb(db);
    const rows = await reader.affected('Wolfi', ['zlib'], { asOf: '2024-02-29' });
    await reader.close();
    expect(rows.filter((r) => r.advisoryId === 'CGA-test-zlib-0001').map((r) => r.fixState)).toEqual([
      'fixed',
    ]);
    const cli = async (asOf: string) => {
      const out = await runCli(['scan', fixedSbom, '--db', db, '--as-of', asOf, '--format', 'json']);
      expect(out.code).toBe(0);
      return JSON.parse(out.stdout) as {
        findings: { vulnerability: string }[];
        asOf: string;
        replay: boolean;
      };
    };
    const before = await cli('2024-02-28');
    expect(before.findings.map((f) => f.vulnerability).sort()).toEqual(['CVE-2099-0001', 'CVE-2099-0002']);
    const day = await cli('2024-02-29');
    expect(day.asOf).toBe('2024-02-29T23:59:59.999Z');
    expect(day.replay).toBe(true);
    expect(day.findings).toEqual([]);
  });

  it('refuses an as-of that is not a date, in one sentence, before reading anything', async () => {
    await expect(scan(fixedSbom, { db, asOf: '2024-02-30' })).rejects.toThrow(
      'asOf: "2024-02-30" is not a date',
    );
    const cli = await runCli(['scan', fixedSbom, '--db', db, '--as-of', 'last tuesday']);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim()).toBe(
      'cleanroom: --as-of: "last tuesday" is not a date (use YYYY-MM-DD or an ISO 8601 time).',
    );
  });
});

// builds a DB and scans in a child process under a time zone, printing the DB's hash and the results
const zoneScript = (out: string) => `
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildAdvisoryDb, scan } from ${JSON.stringify(resolve('dist/index.js'))};
const F = ${JSON.stringify(fixture())};
await buildAdvisoryDb({
  sources: [
    { feed: 'alpine-secdb', path: F + '/alpine-secdb/v3.9' },
    { feed: 'cve5', path: F + '/cve5' },
    { feed: 'debian-dsa', path: F + '/debian-tracker/DSA.list' },
  ],
  out: ${JSON.stringify(out)},
  now: '2026-11-01T00:00:00.000Z',
});
const now = new Date('2026-11-02T00:00:00.000Z');
const results = [];
for (const asOf of [undefined, '2019-06-01', '2020-01-01T12:00:00+05:00'])
  results.push(await scan(F + '/images/alpine-3.9.4.docker.tar.gz', { db: ${JSON.stringify(out)}, asOf, now }));
console.log(JSON.stringify({ db: createHash('sha256').update(readFileSync(${JSON.stringify(out)})).digest('hex'), results }));
`;

describe('the host time zone decides nothing', () => {
  it('gives byte-identical DBs and identical results under UTC, Pacific/Auckland and America/New_York', async () => {
    const outputs: string[] = [];
    for (const zone of ['UTC', 'Pacific/Auckland', 'America/New_York']) {
      const out = join(tmp.dir, `zone-${zone.replace('/', '-')}.db`);
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', zoneScript(out)], {
        env: { ...process.env, TZ: zone },
        maxBuffer: 64 * 1024 * 1024,
      });
      outputs.push(stdout);
    }
    const parsed = JSON.parse(outputs[0]!) as { results: { findings: unknown[] }[] };
    expect(parsed.results[0]!.findings.length).toBeGreaterThan(0);
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
  }, 120_000);
});

describe('CVE JSON 5 timestamps without a zone', () => {
  it('are UTC: datePublished 2019-07-15T03:09:37 is that instant wherever the DB is built', async () => {
    const file = fixture('cve5/2019/1010xxx/CVE-2019-1010023.json');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { cveMetadata: { datePublished: string } };
    expect(raw.cveMetadata.datePublished).toBe('2019-07-15T03:09:37');
    const out = join(tmp.dir, 'cve5.db');
    await buildAdvisoryDb({ sources: [{ feed: 'cve5', path: file }], out, now: '2026-11-01T00:00:00.000Z' });
    const reader = await openAdvisoryDb(out);
    const record = (await reader.vulnerabilities(['CVE-2019-1010023'])).get('CVE-2019-1010023');
    await reader.close();
    expect(record?.published).toBe('2019-07-15T03:09:37.000Z');
  });
});
