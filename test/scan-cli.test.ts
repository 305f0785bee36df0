import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../src/match/types.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';
import { runCli } from './sbom-helpers.js';

const tmp = tempDir();
afterAll(tmp.cleanup);
let db: string;
const alpine39 = fixture('images/alpine-3.9.4.docker.tar.gz');
const alpine310 = fixture('images/alpine-3.10.2.docker.tar.gz');

beforeAll(async () => {
  db = await buildDb(tmp.dir, [{ feed: 'osv', path: fixture('peer/trivy/osv') }]);
});

describe('cleanroom scan (the built CLI, as a user runs it)', () => {
  it('--fail-on high exits 1 when a high or critical finding is present, and 0 when not', async () => {
    // alpine-3.9.4 carries CVE-2019-14697 (critical); alpine-3.10.2 only medium ones (Trivy golden)
    const tripped = await runCli(['scan', alpine39, '--db', db, '--fail-on', 'high']);
    expect(tripped.code).toBe(1);
    expect(tripped.stderr).toMatch(/CVE-2019-14697/);
    expect(tripped.stdout).toMatch(/CVE-2019-14697/);
    const clean = await runCli(['scan', alpine310, '--db', db, '--fail-on', 'high']);
    expect(clean.code).toBe(0);
    const medium = await runCli(['scan', alpine310, '--db', db, '--fail-on', 'medium']);
    expect(medium.code).toBe(1);
  });

  it('writes JSON with the scanner, the DB build time and counts under the rules', async () => {
    const out = join(tmp.dir, 'scan.json');
    const run = await runCli(['scan', alpine39, '--db', db, '--format', 'json', '--output', out]);
    expect(run.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    const result = JSON.parse(readFileSync(out, 'utf8')) as ScanResult;
    expect(result.scanner.name).toBe('cleanroom');
    expect(result.db.builtAt).toBe('2026-11-01T00:00:00.000Z');
    // 3 CVEs (CVE-2019-1549, -1551, -14697) over 6 (vulnerability, package) findings
    expect(result.summary.total).toBe(3);
    expect(result.findings).toHaveLength(6);
    const perPackage = await runCli([
      'scan',
      alpine39,
      '--db',
      db,
      '--format',
      'json',
      '--count-by',
      'package',
    ]);
    expect((JSON.parse(perPackage.stdout) as ScanResult).summary.total).toBe(6);
  });

  it('an OpenVEX not_affected statement removes a CVE from the counts; --show-suppressed lists it', async () => {
    const vex = join(tmp.dir, 'musl.vex.json');
    writeFileSync(
      vex,
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        '@id': 'https://example.com/vex/musl',
        author: 'test',
        timestamp: '2026-11-01T00:00:00Z',
        version: 1,
        statements: [
          {
            vulnerability: { name: 'CVE-2019-14697' },
            products: [
              { '@id': 'pkg:apk/alpine/musl@1.1.20-r4' },
              { '@id': 'pkg:apk/alpine/musl-utils@1.1.20-r4' },
            ],
            status: 'not_affected',
            justification: 'vulnerable_code_not_in_execute_path',
          },
        ],
      }),
    );
    const run = await runCli(['scan', alpine39, '--db', db, '--format', 'json', '--vex', vex]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ScanResult;
    expect(result.findings.map((f) => f.vulnerability)).not.toContain('CVE-2019-14697');
    expect(result.summary.total).toBe(2);
    expect(result.summary.bySeverity.critical).toBe(0);
    expect(result.suppressed.map((f) => [f.vulnerability, f.package.name, f.vex?.justification])).toEqual([
      ['CVE-2019-14697', 'musl', 'vulnerable_code_not_in_execute_path'],
      ['CVE-2019-14697', 'musl-utils', 'vulnerable_code_not_in_execute_path'],
    ]);
    const table = await runCli(['scan', alpine39, '--db', db, '--vex', vex, '--show-suppressed']);
    expect(table.stdout).toMatch(/CVE-2019-14697[^\n]*\n?[^\n]*vulnerable_code_not_in_execute_path/);
    const plain = await runCli(['scan', alpine39, '--db', db, '--vex', vex]);
    expect(plain.stdout).not.toMatch(/CVE-2019-14697/);
  });

  it('reads an SBOM file as its source', async () => {
    const sbomFile = join(tmp.dir, 'alpine.cdx.json');
    expect((await runCli(['sbom', alpine39, '--format', 'cyclonedx-json', '--output', sbomFile])).code).toBe(
      0,
    );
    const run = await runCli(['scan', sbomFile, '--db', db, '--format', 'json', '--count-by', 'package']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as ScanResult).findings).toHaveLength(6);
  });

  it('bad input: exit 2 with one sentence and nothing written', async () => {
    const out = join(tmp.dir, 'bad', 'x.json');
    const missingDb = await runCli(['scan', alpine39, '--db', join(tmp.dir, 'nope.db'), '--output', out]);
    expect(missingDb.code).toBe(2);
    expect(missingDb.stderr.trim().split('\n')).toHaveLength(1);
    expect(missingDb.stderr).toMatch(/nope\.db/);
    expect(existsSync(join(tmp.dir, 'bad'))).toBe(false);
    const badVex = join(tmp.dir, 'bad.vex.json');
    writeFileSync(badVex, '{"statements": 3}');
    const vexRun = await runCli(['scan', alpine39, '--db', db, '--vex', badVex]);
    expect(vexRun.code).toBe(2);
    expect(vexRun.stderr).toMatch(/bad\.vex\.json/);
    const badState = await runCli(['scan', alpine39, '--db', db, '--ignore-states', 'broken']);
    expect(badState.code).toBe(2);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
