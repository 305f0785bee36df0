/**
 * A scan result built by hand for the format tests: alpine:3.9.4's real findings (Trivy's golden
 * file), a Log4Shell finding in a jar (a KEV entry with a GHSA alias), an unrated unfixed busybox
 * CVE, and one finding suppressed by an OpenVEX statement. The summary is counted by hand.
 */
import type { Package } from '../../../catalog/types.js';
import type { Finding, ScanResult } from '../../../match/types.js';
import {
  ALPINE_DIGEST,
  ALPINE_LAYER,
  alpineFindings,
  apk,
} from '../../../match/vex/__fixtures__/alpine-findings.js';

const log4j: Package = {
  name: 'log4j-core',
  version: '2.14.1',
  type: 'maven',
  purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
  licenses: ['Apache-2.0'],
  locations: ['/app/lib/log4j-core-2.14.1.jar'],
  layer: 'sha256:9c6d4b1e8f2a7d3c5b0e1f6a4d8c2b7e3f9a0d5c1b6e2f8a4d7c3b9e0f5a1d6c',
  foundBy: 'java-archive',
};
const busybox = apk('busybox', '1.29.3-r10', 'busybox');

const extra: Finding[] = [
  {
    vulnerability: 'CVE-2021-44228',
    aliases: ['GHSA-jfh8-c2jp-5v3q'],
    package: log4j,
    fixState: 'fixed',
    fixedVersion: '2.15.0',
    severity: 'critical',
    severitySource: 'nvd',
    cvss: { score: 10, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', source: 'nvd' },
    kev: true,
    epss: 0.94358,
    matchedBy: 'maven:osv:GHSA-jfh8-c2jp-5v3q',
    records: ['osv:GHSA-jfh8-c2jp-5v3q'],
    summary: 'Remote code injection in Log4j',
    published: '2021-12-10T10:15:09Z',
  },
  {
    vulnerability: 'CVE-2022-28391',
    aliases: [],
    package: busybox,
    fixState: 'not-fixed',
    severity: 'unknown',
    severitySource: 'alpine',
    kev: false,
    matchedBy: 'apk-origin:alpine-secdb:CVE-2022-28391',
    records: ['alpine-secdb:v3.9/main/busybox'],
  },
];

/** The sample result; `suppressed` holds CVE-2019-1551 in libssl1.1, marked not_affected by VEX. */
export function sampleScan(): ScanResult {
  const all = [...alpineFindings(), ...extra];
  const isSuppressed = (f: Finding) => f.vulnerability === 'CVE-2019-1551' && f.package.name === 'libssl1.1';
  const suppressed = all.filter(isSuppressed).map((f) => ({
    ...f,
    vex: {
      status: 'not_affected' as const,
      justification: 'vulnerable_code_not_in_execute_path',
      impactStatement: 'the service never uses the affected POLY1305 assembly',
      source: 'team.vex.json',
    },
  }));
  const packages = [
    apk('musl', '1.1.20-r4', 'musl'),
    busybox,
    apk('libcrypto1.1', '1.1.1b-r1', 'openssl'),
    apk('libssl1.1', '1.1.1b-r1', 'openssl'),
    apk('musl-utils', '1.1.20-r4', 'musl'),
    log4j,
  ];
  return {
    schemaVersion: '1',
    scanner: { name: 'cleanroom', version: '0.1.0' },
    db: {
      builtAt: '2026-11-25T06:00:00.000Z',
      feeds: { 'alpine-secdb': '06f6e960', osv: '2026-11-25', kev: '2025-08-25' },
    },
    scannedAt: '2026-11-26T12:00:00.000Z',
    asOf: '2026-11-26T12:00:00.000Z',
    replay: false,
    inventory: {
      target: {
        reference: 'ghcr.io/aquasecurity/trivy-test-images:alpine-39',
        source: 'registry',
        digest: ALPINE_DIGEST,
        tags: ['ghcr.io/aquasecurity/trivy-test-images:alpine-39'],
        created: '2019-05-11T00:07:03.510395965Z',
        platform: 'linux/amd64',
        layers: [
          {
            digest: ALPINE_LAYER,
            diffId: ALPINE_LAYER,
            size: 2757034,
            mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
          },
        ],
      },
      distro: { id: 'alpine', versionId: '3.9.4', prettyName: 'Alpine Linux v3.9' },
      packages,
      warnings: [],
    },
    findings: all.filter((f) => !isSuppressed(f)),
    suppressed,
    rules: { countBy: 'vulnerability', includeNegligible: false, ignoreStates: [], onlyFixed: false },
    // by vulnerability: 14697 and 44228 critical; 1549 and 1551 (still in libcrypto1.1) medium; 28391 unknown
    summary: {
      bySeverity: { critical: 2, high: 0, medium: 2, low: 0, negligible: 0, unknown: 1 },
      byFixState: { fixed: 4, 'not-fixed': 1, 'wont-fix': 0, 'not-affected': 0 },
      total: 5,
      suppressed: 1,
    },
    warnings: [],
  };
}
