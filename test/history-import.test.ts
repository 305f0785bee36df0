/**
 * `import`: a peer's result becomes an observation labelled with that scanner. Trivy's own golden
 * result for Alpine 3.9 gives the same counts as the file itself, counted here from the raw JSON.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { cli, storeBackends, storeSnapshot } from './history-helpers.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-history-import-');
const backends = storeBackends();
const golden = fixture('peer', 'trivy', 'golden', 'alpine-39.json.golden');
const ORDER = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];

// the golden file counted independently: one per CVE id, at its highest severity among packages
const raw = JSON.parse(readFileSync(golden, 'utf8')) as {
  CreatedAt: string;
  Results: { Vulnerabilities: { VulnerabilityID: string; Severity: string }[] }[];
};
const worst = new Map<string, string>();
for (const v of raw.Results.flatMap((r) => r.Vulnerabilities)) {
  const s = v.Severity.toLowerCase();
  const seen = worst.get(v.VulnerabilityID);
  if (!seen || ORDER.indexOf(s) < ORDER.indexOf(seen)) worst.set(v.VulnerabilityID, s);
}
const bySeverity = Object.fromEntries(
  ORDER.map((s) => [s, [...worst.values()].filter((w) => w === s).length]),
);

const grype = join(tmp.dir, 'grype.json');
writeFileSync(
  grype,
  JSON.stringify({
    matches: [
      {
        vulnerability: {
          id: 'GHSA-aaaa-bbbb-cccc',
          severity: 'High',
          fix: { versions: ['2.0'], state: 'fixed' },
        },
        relatedVulnerabilities: [{ id: 'CVE-2024-0001' }],
        artifact: { name: 'flask', version: '1.0' },
      },
      {
        vulnerability: {
          id: 'CVE-2024-0002',
          severity: 'Negligible',
          fix: { versions: [], state: 'wont-fix' },
        },
        artifact: { name: 'bash', version: '5.2' },
      },
    ],
    source: { type: 'image', target: { manifestDigest: `sha256:${'ab'.repeat(32)}`, imageSize: 1234 } },
    descriptor: {
      name: 'grype',
      version: '0.87.0',
      timestamp: '2024-03-01T10:00:00Z',
      db: { status: { built: '2024-02-29T08:00:00Z' } },
    },
  }),
);
afterAll(tmp.cleanup);

describe.each(backends)('import ($name)', (backend) => {
  let store: string;
  beforeAll(async () => {
    store = await backend.fresh(tmp.dir);
  });

  it("turns Trivy's golden result into an observation with the same counts", async () => {
    const r = await cli('import', golden, '--as', 'alpine:3.9', '--store', store, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({
      format: 'trivy',
      scanner: { name: 'trivy', version: 'dev' },
      recorded: 1,
    });
    const day = raw.CreatedAt.slice(0, 10);
    const h = await cli(
      'history',
      'alpine:3.9',
      '--from',
      day,
      '--to',
      day,
      '--store',
      store,
      '--format',
      'json',
    );
    const [point] = JSON.parse(h.stdout).points;
    expect(point).toMatchObject({
      day,
      kind: 'observed',
      bySeverity,
      total: worst.size,
      scanner: { name: 'trivy' },
      db: { builtAt: null },
    });
    expect(point.ids).toEqual([...worst.keys()].sort());
  });

  it('keeps a live observation under --replay; days of a digest with no inventory stay gaps', async () => {
    const db = await buildDb(
      tmp.dir,
      [{ feed: 'osv', path: fixture('peer', 'trivy', 'osv') }],
      `osv-${backend.name}.db`,
    );
    const r = await cli(
      'history',
      'alpine:3.9',
      '--from',
      '2021-08-24',
      '--to',
      '2021-08-27',
      '--replay',
      '--db',
      db,
      '--store',
      store,
      '--format',
      'json',
    );
    expect(r.stderr).toBe('');
    const points = JSON.parse(r.stdout).points as { day: string; kind: string; scanner: { name: string } }[];
    expect(points.map((p) => [p.day, p.kind, p.scanner.name])).toEqual([['2021-08-25', 'observed', 'trivy']]);
  }, 120_000);

  it('reads a Grype result with its DB time, collapsing a GHSA to its CVE', async () => {
    const r = await cli('import', grype, '--as', 'app:1', '--store', store, '--format', 'json');
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'grype', observedAt: '2024-03-01T10:00:00.000Z' });
    const h = await cli(
      'history',
      'app:1',
      '--from',
      '2024-03-01',
      '--to',
      '2024-03-01',
      '--store',
      store,
      '--format',
      'json',
    );
    const [point] = JSON.parse(h.stdout).points;
    expect(point).toMatchObject({
      ids: ['CVE-2024-0001'],
      total: 1,
      bySeverity: { high: 1, negligible: 1 },
      scanner: { name: 'grype', version: '0.87.0' },
      db: { builtAt: '2024-02-29T08:00:00.000Z' },
    });
  });

  it('refuses a file that is neither, in one sentence, leaving the store unchanged', async () => {
    const before = await storeSnapshot(store);
    const r = await cli(
      'import',
      fixture('history', 'wolfi', 'index.json'),
      '--as',
      'app:1',
      '--store',
      store,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cleanroom: .*index\.json is neither a Grype nor a Trivy JSON result\.\n$/);
    expect(await storeSnapshot(store)).toBe(before);
  });
});
