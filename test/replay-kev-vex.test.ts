/**
 * Replay is time-aware beyond matching: a finding is in KEV from CISA's dateAdded on, a VEX
 * statement applies from its timestamp on; and a VEX statement that says not_affected resolves
 * the vulnerability in the tag's history on its date (resolved by VEX).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdvisoryDb } from '../src/advisory/db/build.js';
import { resolved } from '../src/history/resolved/resolved.js';
import { track } from '../src/history/track.js';
import { scan } from '../src/scan.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-kev-vex-');
afterAll(tmp.cleanup);
let db: string;
let sbom: string;
let vex: string;

beforeAll(async () => {
  const yaml = join(tmp.dir, 'zlib.advisories.yaml');
  writeFileSync(
    yaml,
    `schema-version: 2.0.2
package:
  name: zlib
advisories:
  - id: CGA-test-zlib-0003
    aliases: [CVE-2099-0003]
    events:
      - timestamp: 2024-01-10T08:00:00Z
        type: detection
`,
  );
  const kev = join(tmp.dir, 'kev.json');
  writeFileSync(
    kev,
    JSON.stringify({
      title: 'CISA Catalog of Known Exploited Vulnerabilities',
      catalogVersion: '2024.03.01',
      dateReleased: '2024-03-01T00:00:00.000Z',
      count: 1,
      vulnerabilities: [
        { cveID: 'CVE-2099-0003', vendorProject: 'zlib', product: 'zlib', dateAdded: '2024-02-15' },
      ],
    }),
  );
  db = join(tmp.dir, 'advisory.db');
  await buildAdvisoryDb({
    sources: [
      { feed: 'wolfi-advisories', path: yaml },
      { feed: 'kev', path: kev },
    ],
    out: db,
    now: '2026-11-01T00:00:00.000Z',
  });
  sbom = join(tmp.dir, 'zlib.cdx.json');
  writeFileSync(
    sbom,
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: {
        timestamp: '2024-01-01T00:00:00Z',
        component: { type: 'container', name: 'cgr.dev/example/zlib' },
      },
      components: [
        { type: 'operating-system', name: 'wolfi', version: '20230201' },
        {
          type: 'library',
          name: 'zlib',
          version: '1.3-r0',
          purl: 'pkg:apk/wolfi/zlib@1.3-r0?arch=x86_64&distro=wolfi-20230201',
        },
      ],
    }),
  );
  vex = join(tmp.dir, 'zlib.vex.json');
  writeFileSync(
    vex,
    JSON.stringify({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://example.com/vex/zlib-1',
      author: 'example',
      timestamp: '2024-03-20T10:00:00Z',
      version: 1,
      statements: [
        {
          vulnerability: { name: 'CVE-2099-0003' },
          products: [{ '@id': 'pkg:apk/wolfi/zlib@1.3-r0' }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          timestamp: '2024-03-20T10:00:00Z',
        },
      ],
    }),
  );
});

describe('replay beyond matching', () => {
  it('marks KEV from dateAdded and applies VEX from its timestamp', async () => {
    const at = async (asOf: string) => (await scan(sbom, { db, asOf, vex: [vex] })).findings[0];
    expect(await at('2024-02-01')).toMatchObject({ vulnerability: 'CVE-2099-0003', kev: false });
    expect(await at('2024-02-15')).toMatchObject({ vulnerability: 'CVE-2099-0003', kev: true });
    expect(await at('2024-03-19')).toMatchObject({ vulnerability: 'CVE-2099-0003', kev: true });
    expect(await at('2024-03-20')).toBeUndefined();
    const suppressed = (await scan(sbom, { db, asOf: '2024-03-21', vex: [vex] })).suppressed;
    expect(suppressed.map((f) => [f.vulnerability, f.vex?.status])).toEqual([
      ['CVE-2099-0003', 'not_affected'],
    ]);
  });

  it('counts a VEX not_affected statement as a resolution by VEX on its date', async () => {
    const store = join(tmp.dir, 'history.db');
    const tracked = await track([sbom], {
      as: 'example/zlib:latest',
      store,
      db,
      now: new Date('2024-03-01T00:00:00Z'),
    });
    expect(tracked.points[0]?.total).toBe(1);
    const result = await resolved(['example/zlib:latest'], {
      from: '2024-03-01',
      to: '2024-03-31',
      store,
      db,
      vex: [vex],
    });
    expect(result.images[0]!.resolutions).toMatchObject([
      {
        day: '2024-03-20',
        vulnerability: 'CVE-2099-0003',
        how: 'vex',
        package: 'zlib',
        source: expect.stringContaining('zlib.vex.json'),
      },
    ]);
    expect(result.images[0]!.byHow).toEqual({ update: 0, advisory: 0, vex: 1 });
  });
});
