/**
 * `GET /api/tags`, the console's Directory, over a store of imported results and a tracked SBOM
 * (`cleanroom serve` as a real process, the materialised series refreshed first): an imported
 * Trivy or Grype result keeps the distribution it names (Trivy's Metadata.OS, Grype's distro), so
 * its row, its filter and the dropdowns name it instead of "unknown"; `facets=true` lists every
 * registry and distribution with how many tags each would show beside the other filters; the
 * sorts the console's column headers ask for.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAdvisoryDb } from '../src/advisory/db/reader.js';
import { importResult, track } from '../src/index.js';
import { refreshSeries } from '../src/history/materialise/refresh.js';
import { openHistoryStore } from '../src/history/store/open.js';
import { getJson, startServer, type Server } from './api-helpers.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-api-tags-');
const WOLFI = { image: 'cgr.dev/chainguard/python', tag: 'latest' };
const TRIVY = { image: 'ghcr.io/aquasecurity/trivy-test-images', tag: 'alpine-310' };
const TRIVY_39 = { image: 'alpine', tag: '3.9' };
const GRYPE = { image: 'quay.io/team/app', tag: '1' };
let server: Server;

beforeAll(async () => {
  const db = await buildDb(tmp.dir, [{ feed: 'wolfi-advisories', path: fixture('wolfi-advisories') }]);
  const store = join(tmp.dir, 'history.db');
  const folder = fixture('history', 'wolfi', 'python');
  const sbom = readdirSync(folder)
    .filter((f) => f.endsWith('.cdx.json'))
    .sort()
    .at(-1)!;
  await track([join(folder, sbom)], { as: WOLFI, store, db });
  const golden = (name: string) => fixture('peer', 'trivy', 'golden', name);
  await importResult(golden('alpine-310.json.golden'), { as: TRIVY, store });
  await importResult(golden('alpine-39.json.golden'), { as: TRIVY_39, store });
  const grype = join(tmp.dir, 'grype.json');
  writeFileSync(
    grype,
    JSON.stringify({
      matches: [
        {
          vulnerability: {
            id: 'CVE-2024-0001',
            severity: 'Critical',
            fix: { versions: ['2.0'], state: 'fixed' },
          },
          artifact: { name: 'openssl', version: '1.0' },
        },
      ],
      source: { target: { manifestDigest: `sha256:${'ab'.repeat(32)}`, imageSize: 1234 } },
      distro: { name: 'debian', version: '12', idLike: [] },
      descriptor: { name: 'grype', version: '0.80.0', timestamp: '2024-06-01T10:00:00Z' },
    }),
  );
  await importResult(grype, { as: GRYPE, store });
  const history = await openHistoryStore(store);
  const reader = await openAdvisoryDb(db);
  try {
    await refreshSeries(history, reader);
  } finally {
    await reader.close();
    await history.close();
  }
  server = await startServer(['--store', store, '--db', db]);
}, 300_000);
afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
  tmp.cleanup();
});

const tags = async (query: string) => {
  const r = await getJson(`${server.url}/api/tags?${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const refs = (body: { rows: { image: string; tag: string }[] }) =>
  body.rows.map((r) => `${r.image}:${r.tag}`);
const ref = (r: { image: string; tag: string }) => `${r.image}:${r.tag}`;
interface Row {
  image: string;
  tag: string;
  sizeBytes: number | null;
  latest: { bySeverity: Record<string, number> };
}

describe('GET /api/tags', () => {
  it("an imported result keeps the distribution it names: Trivy's Metadata.OS, Grype's distro", async () => {
    const body = await tags('limit=10');
    const row = (r: { image: string; tag: string }) =>
      body.rows.find((x: { image: string }) => x.image === r.image);
    expect(row(TRIVY).distro).toEqual({ id: 'alpine', versionId: '3.10.2', prettyName: null });
    expect(row(TRIVY_39).distro).toEqual({ id: 'alpine', versionId: '3.9.4', prettyName: null });
    expect(row(GRYPE).distro).toEqual({ id: 'debian', versionId: '12', prettyName: null });
    expect(row(WOLFI).distro.id).toBe('wolfi');
    // and the filter finds them by it
    expect(refs(await tags('distro=alpine%203.10.2'))).toEqual([ref(TRIVY)]);
    expect(refs(await tags('distro=alpine'))).toEqual([ref(TRIVY_39), ref(TRIVY)]);
    expect(refs(await tags('distro=debian%2012'))).toEqual([ref(GRYPE)]);
  });

  it('facets: every registry and distribution, each counted beside the other filters', async () => {
    const all = await tags('facets=true&limit=1');
    expect(all.total).toBe(4);
    expect(all.rows).toHaveLength(1);
    const wolfi = (await tags('limit=10')).rows.find((r: { image: string }) => r.image === WOLFI.image);
    const wolfiLabel = wolfi.distro.prettyName ?? `${wolfi.distro.id} ${wolfi.distro.versionId ?? ''}`.trim();
    expect(all.facets).toEqual({
      tags: 4,
      registries: [
        { value: 'cgr.dev', count: 1 },
        { value: 'docker.io', count: 1 },
        { value: 'ghcr.io', count: 1 },
        { value: 'quay.io', count: 1 },
      ],
      distros: [
        { value: 'alpine 3.10.2', count: 1 },
        { value: 'alpine 3.9.4', count: 1 },
        { value: 'debian 12', count: 1 },
        { value: wolfiLabel, count: 1 },
      ].sort((a, b) => (a.value < b.value ? -1 : 1)),
    });
    // a registry chosen: the registries keep their counts (under the other filters), the
    // distributions count only that registry's tags; every value stays listed
    const ghcr = await tags('facets=true&registry=ghcr.io');
    expect(refs(ghcr)).toEqual([ref(TRIVY)]);
    expect(ghcr.facets.registries.map((f: { count: number }) => f.count)).toEqual([1, 1, 1, 1]);
    expect(
      Object.fromEntries(
        ghcr.facets.distros.map((f: { value: string; count: number }) => [f.value, f.count]),
      ),
    ).toMatchObject({ 'alpine 3.10.2': 1, 'alpine 3.9.4': 0, 'debian 12': 0, [wolfiLabel]: 0 });
    // a search text and the fixable critical filter narrow both
    const alpine = await tags('facets=true&q=alpine');
    expect(alpine.total).toBe(2);
    expect(alpine.facets.registries).toEqual([
      { value: 'cgr.dev', count: 0 },
      { value: 'docker.io', count: 1 },
      { value: 'ghcr.io', count: 1 },
      { value: 'quay.io', count: 0 },
    ]);
    const fixable = await tags('facets=true&fixableCritical=true');
    expect(refs(fixable)).toContain(ref(GRYPE));
    expect(fixable.facets.registries.find((f: { value: string }) => f.value === 'quay.io').count).toBe(1);
    // without facets=true, none
    expect(all.facets).toBeDefined();
    expect((await tags('limit=1')).facets).toBeUndefined();
  });

  it('sorts by each column the console offers, and pages', async () => {
    for (const [sort, key] of [
      ['medium', (r: Row) => r.latest.bySeverity.medium!],
      ['low', (r: Row) => r.latest.bySeverity.low!],
      ['unknown', (r: Row) => r.latest.bySeverity.unknown!],
      ['size', (r: Row) => r.sizeBytes ?? -1],
    ] as const) {
      const desc = (await tags(`sort=${sort}&order=desc`)).rows as Row[];
      const keys = desc.map(key);
      expect(keys, sort).toEqual([...keys].sort((a, b) => b - a));
      const asc = (await tags(`sort=${sort}&order=asc`)).rows as Row[];
      expect(asc.map(key), sort).toEqual([...keys].sort((a, b) => a - b));
    }
    // the Grype result's size (1234 bytes) is the only one known among the imports
    expect(((await tags('sort=size&order=desc&limit=1')).rows as Row[])[0]!.sizeBytes).toBeGreaterThan(0);
    const second = await tags('sort=name&limit=1&offset=1');
    expect(second.total).toBe(4);
    expect(refs(second)).toEqual([refs(await tags('sort=name'))[1]]);
    expect((await getJson(`${server.url}/api/tags?sort=colour`)).status).toBe(400);
  });
});
