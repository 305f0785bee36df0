import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../src/scan.js';
import { fixture } from './fixtures.js';
import { buildDb, tempDir } from './scan-helpers.js';

const tmp = tempDir();
afterAll(tmp.cleanup);

interface GoldenVuln {
  VulnerabilityID: string;
  PkgName: string;
  InstalledVersion: string;
  FixedVersion?: string;
  Severity: string;
}

/** Trivy's expected findings, as (vulnerability, package, installed, fixed, severity) rows. */
function goldenRows(file: string): string[] {
  const golden = JSON.parse(readFileSync(fixture('peer/trivy/golden', file), 'utf8')) as {
    Results: { Vulnerabilities?: GoldenVuln[] }[];
  };
  return golden.Results.flatMap((r) => r.Vulnerabilities ?? [])
    .map((v) =>
      [v.VulnerabilityID, v.PkgName, v.InstalledVersion, v.FixedVersion ?? '', v.Severity.toLowerCase()].join(
        ' ',
      ),
    )
    .sort();
}

describe('scan of the Alpine images against the DB Trivy used (peer/trivy/osv)', () => {
  let db: string;
  beforeAll(async () => {
    db = await buildDb(tmp.dir, [{ feed: 'osv', path: fixture('peer/trivy/osv') }], 'trivy.db');
  });

  for (const [image, golden] of [
    ['alpine-3.9.4.docker.tar.gz', 'alpine-39.json.golden'],
    ['alpine-3.10.2.docker.tar.gz', 'alpine-310.json.golden'],
  ] as const) {
    it(`${image} gives exactly the findings of ${golden}`, async () => {
      const result = await scan(fixture('images', image), { db, rules: { countBy: 'package' } });
      const rows = result.findings
        .map((f) =>
          [f.vulnerability, f.package.name, f.package.version, f.fixedVersion ?? '', f.severity].join(' '),
        )
        .sort();
      expect(rows).toEqual(goldenRows(golden));
      expect(result.summary.total).toBe(rows.length);
    });
  }
});

describe('scan of alpine-3.9.4 against the Alpine secdb', () => {
  it('finds exactly what the v3.9 secdb says of the image origins', async () => {
    const db = await buildDb(tmp.dir, [{ feed: 'alpine-secdb', path: fixture('alpine-secdb') }], 'secdb.db');
    const result = await scan(fixture('images/alpine-3.9.4.docker.tar.gz'), {
      db,
      rules: { countBy: 'package' },
    });
    // Derived by hand from alpine-secdb/v3.9/main.yaml (community.yaml names none of these origins)
    // and the image's lib/apk/db/installed (P/V/o lines):
    //   musl 1.1.20-r4 (musl, musl-utils): 1.1.20-r5 fixes CVE-2019-14697 → affected;
    //                                      1.1.15-r4 fixes CVE-2016-8859 → already fixed.
    //   openssl 1.1.1b-r1 (libcrypto1.1, libssl1.1): 1.1.1d-r0 fixes CVE-2019-1547, -1549, -1563 →
    //                                      affected; 1.1.1b-r1 (CVE-2019-1543) and 1.1.1a-r0 → fixed.
    //   busybox 1.29.3-r10 (busybox, ssl_client): fixes at 1.29.3-r10 and 1.27.2-r4 → fixed.
    //   No other origin of the image (alpine-baselayout, alpine-keys, ca-certificates,
    //   libtls-standalone, zlib, apk-tools, pax-utils, libc-dev) has a v3.9 secfixes entry.
    const expected = [
      'CVE-2019-14697 musl 1.1.20-r5',
      'CVE-2019-14697 musl-utils 1.1.20-r5',
      ...['CVE-2019-1547', 'CVE-2019-1549', 'CVE-2019-1563'].flatMap((cve) => [
        `${cve} libcrypto1.1 1.1.1d-r0`,
        `${cve} libssl1.1 1.1.1d-r0`,
      ]),
    ].sort();
    const rows = result.findings.map((f) => `${f.vulnerability} ${f.package.name} ${f.fixedVersion}`).sort();
    expect(rows).toEqual(expected);
    expect(result.findings.every((f) => f.fixState === 'fixed')).toBe(true);
    // one per vulnerability by default: 4 CVEs
    const byVuln = await scan(fixture('images/alpine-3.9.4.docker.tar.gz'), { db });
    expect(byVuln.summary.total).toBe(4);
  });
});
