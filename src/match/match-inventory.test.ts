import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdvisoryDb } from '../advisory/db/build.js';
import { openAdvisoryDb } from '../advisory/db/reader.js';
import type { AdvisoryDbReader } from '../advisory/db/types.js';
import type { Inventory, Package } from '../catalog/types.js';
import { buildFindings } from './findings.js';
import { matchInventory } from './match-inventory.js';

const dir = mkdtempSync(join(tmpdir(), 'cleanroom-match-'));
let db: AdvisoryDbReader;

/** An OSV record as osv.dev serves it (GHSA-style: the CVE is an alias); ids without a CVE are invented. */
const osv = (id: string, ecosystem: string, name: string, events: object[], aliases: string[] = []) => ({
  schema_version: '1.6.0',
  id,
  aliases,
  modified: '2024-01-01T00:00:00Z',
  published: '2021-02-01T00:00:00Z',
  affected: [{ package: { ecosystem, name }, ranges: [{ type: 'ECOSYSTEM', events }] }],
});

beforeAll(async () => {
  mkdirSync(join(dir, 'osv'));
  const records = [
    osv(
      'GHSA-g3rq-g295-4j3m',
      'PyPI',
      'Jinja2',
      [{ introduced: '0' }, { fixed: '2.11.3' }],
      ['CVE-2020-28493'],
    ),
    osv('GHSA-7m4p-qf8w-2r5h', 'PyPI', 'typing_extensions', [{ introduced: '4.0.0' }, { fixed: '4.5.0' }]),
    osv(
      'GO-2022-0001',
      'Go',
      'golang.org/x/net',
      [{ introduced: '0' }, { fixed: '0.7.0' }],
      ['CVE-2022-41723'],
    ),
    osv('GO-2023-1840', 'Go', 'stdlib', [{ introduced: '0' }, { fixed: '1.19.10' }], ['CVE-2023-29403']),
    osv(
      'GHSA-22f2-v57c-j9cx',
      'RubyGems',
      'rack',
      [{ introduced: '3.0.0' }, { fixed: '3.0.9.1' }],
      ['CVE-2024-26146'],
    ),
    // Red Hat's OSV data: one ecosystem per repository, epochs written out, module builds
    osv(
      'RHSA-2024:0001',
      'Red Hat:enterprise_linux:9::baseos',
      'openssl',
      [{ introduced: '0' }, { fixed: '1:3.0.7-27.el9' }],
      ['CVE-2023-5678'],
    ),
    osv(
      'RHSA-2026:0022',
      'Red Hat:enterprise_linux:9::appstream',
      'nodejs',
      [{ introduced: '0' }, { fixed: '1:22.23.2-2.module+el9.8.0+24958+80b2ac6e' }],
      ['CVE-2026-0001'],
    ),
    osv(
      'RHSA-2026:0020',
      'Red Hat:enterprise_linux:9::appstream',
      'nodejs',
      [{ introduced: '0' }, { fixed: '1:20.19.5-1.module+el9.6.0+23456+abcdef12' }],
      ['CVE-2026-0002'],
    ),
    // Canonical's OSV data: LTS releases carry `:LTS`, interim ones do not, Pro fixes are apart
    osv(
      'UBUNTU-CVE-2022-0563',
      'Ubuntu:18.04:LTS',
      'util-linux',
      [{ introduced: '0' }, { fixed: '2.31.1-0.4ubuntu3.7' }],
      ['CVE-2022-0563'],
    ),
    osv(
      'UBUNTU-CVE-2024-28085',
      'Ubuntu:Pro:18.04:LTS',
      'util-linux',
      [{ introduced: '0' }],
      ['CVE-2024-28085'],
    ),
    osv(
      'UBUNTU-CVE-2023-0001',
      'Ubuntu:23.10',
      'util-linux',
      [{ introduced: '0' }, { fixed: '2.39.1-4ubuntu3' }],
      ['CVE-2023-0001'],
    ),
  ];
  records.forEach((r) => writeFileSync(join(dir, 'osv', `${r.id}.json`), JSON.stringify(r)));
  const out = join(dir, 'advisory.db');
  await buildAdvisoryDb({ sources: [{ feed: 'osv', path: join(dir, 'osv') }], out });
  db = await openAdvisoryDb(out);
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const pkg = (type: Package['type'], name: string, version: string): Package => ({
  name,
  version,
  type,
  purl: `pkg:${type}/${name}@${version}`,
  licenses: [],
  locations: [],
  foundBy: 'test',
});
const inventory = (packages: Package[]): Inventory => ({
  target: { reference: 'test', source: 'sbom', tags: [], layers: [] },
  packages,
  warnings: [],
});

describe('matchInventory with deb packages on Ubuntu', () => {
  const fdisk = (version: string): Package => ({
    ...pkg('deb', 'fdisk', version),
    source: { name: 'util-linux', version },
  });
  const ubuntu = (versionId: string, prettyName?: string) => ({
    ...inventory([fdisk(versionId === '18.04' ? '2.31.1-0.4ubuntu3.1' : '2.39.1-4ubuntu2')]),
    distro: { id: 'ubuntu', versionId, ...(prettyName ? { prettyName } : {}) },
  });
  const found = async (inv: Inventory) =>
    (await matchInventory(inv, db)).matches.map((m) => `${m.row.vulnerability} ${m.row.ecosystem}`);

  it('reads an LTS release under its :LTS ecosystem, by source package, and leaves Pro fixes out', async () => {
    expect(await found(ubuntu('18.04', 'Ubuntu 18.04.6 LTS'))).toEqual(['CVE-2022-0563 Ubuntu:18.04:LTS']);
    // without a PRETTY_NAME, an April release of an even year is LTS
    expect(await found(ubuntu('18.04'))).toEqual(['CVE-2022-0563 Ubuntu:18.04:LTS']);
  });

  it('reads an interim release under its plain ecosystem', async () => {
    expect(await found(ubuntu('23.10', 'Ubuntu 23.10'))).toEqual(['CVE-2023-0001 Ubuntu:23.10']);
  });
});

describe('matchInventory with rpm packages on Red Hat Enterprise Linux (UBI)', () => {
  it('looks in the RHEL repositories, by source rpm too, and keeps a module stream to its own fixes', async () => {
    const openssl: Package = {
      ...pkg('rpm', 'openssl-libs', '1:3.0.7-24.el9'),
      source: { name: 'openssl', version: '1:3.0.7-24.el9' },
    };
    const nodejs: Package = {
      ...pkg('rpm', 'nodejs', '1:20.18.0-1.module+el9.5.0+22222+aaaa'),
      metadata: {
        kind: 'rpm',
        version: '20.18.0',
        release: '1.module+el9.5.0+22222+aaaa',
        epoch: 1,
        modularityLabel: 'nodejs:20:9050020241111:rhel9',
      },
    };
    const { matches } = await matchInventory(
      { ...inventory([openssl, nodejs]), distro: { id: 'rhel', versionId: '9.4' } },
      db,
    );
    expect(matches.map((m) => `${m.row.vulnerability} ${m.pkg.name} ${m.fixedVersion}`).sort()).toEqual([
      'CVE-2023-5678 openssl-libs 1:3.0.7-27.el9',
      'CVE-2026-0002 nodejs 1:20.19.5-1.module+el9.6.0+23456+abcdef12',
    ]);
  });
});

describe('matchInventory with language packages', () => {
  it('meets PyPI names spelt differently (PEP 503) and collapses GHSA ids to the CVE', async () => {
    const { matches } = await matchInventory(
      inventory([
        pkg('pypi', 'jinja2', '2.10.1'),
        pkg('pypi', 'Typing.Extensions', '4.4.0'),
        pkg('pypi', 'typing-extensions', '4.5.0'),
      ]),
      db,
    );
    const { findings } = await buildFindings(matches, db, new Date().toISOString());
    const rows = findings.map((f) => `${f.vulnerability} ${f.package.name} ${f.fixedVersion}`).sort();
    expect(rows).toEqual(['CVE-2020-28493 jinja2 2.11.3', 'GHSA-7m4p-qf8w-2r5h Typing.Extensions 4.5.0']);
    expect(findings.find((f) => f.vulnerability === 'CVE-2020-28493')?.aliases).toContain(
      'GHSA-g3rq-g295-4j3m',
    );
  });

  it('compares Go module versions with the v prefix and leaves fixed versions alone', async () => {
    const { matches } = await matchInventory(
      inventory([pkg('golang', 'golang.org/x/net', 'v0.6.0'), pkg('golang', 'golang.org/x/net', 'v0.7.0')]),
      db,
    );
    expect(matches.map((m) => `${m.row.vulnerability} ${m.pkg.version} ${m.fixState}`)).toEqual([
      'CVE-2022-41723 v0.6.0 fixed',
    ]);
  });

  it('orders gem versions as RubyGems does: a pre-release comes before its release', async () => {
    const { matches } = await matchInventory(
      inventory([
        pkg('gem', 'rack', '3.0.9.1.rc1'),
        pkg('gem', 'rack', '3.0.10'),
        pkg('gem', 'rack', '3.0.9.1'),
        pkg('gem', 'rack', '3.0.0.beta1'),
      ]),
      db,
    );
    expect(matches.map((m) => `${m.row.vulnerability} ${m.pkg.version}`)).toEqual([
      'CVE-2024-26146 3.0.9.1.rc1',
    ]);
  });

  it("compares Go's standard library whether its version is written v1.19.8 or, as Syft does, go1.19.8", async () => {
    const { matches } = await matchInventory(
      inventory([
        pkg('golang', 'stdlib', 'v1.19.8'),
        pkg('golang', 'stdlib', 'go1.19.9'),
        pkg('golang', 'stdlib', 'go1.20.0'),
      ]),
      db,
    );
    expect(matches.map((m) => `${m.row.vulnerability} ${m.pkg.version}`)).toEqual([
      'CVE-2023-29403 v1.19.8',
      'CVE-2023-29403 go1.19.9',
    ]);
  });

  it('turns a version the scheme cannot read into a warning, not a crash', async () => {
    const { matches, warnings } = await matchInventory(
      inventory([pkg('golang', 'golang.org/x/net', '(devel)')]),
      db,
    );
    expect(matches).toEqual([]);
    expect(warnings[0]?.message).toMatch(/\(devel\)/);
  });
});
