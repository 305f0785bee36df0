/**
 * Findings as a scan of alpine:3.9.4 reports them (values from Trivy's golden file
 * `peer/trivy/golden/alpine-39.json.golden` and the Alpine 3.9 secdb), built by hand for tests.
 */
import type { Package } from '../../../catalog/types.js';
import type { Finding } from '../../types.js';

export const ALPINE_LAYER = 'sha256:f1b5933fe4b5f49bbe8258745cf396afe07e625bdab3168e364daf7c956b6b81';
export const ALPINE_DIGEST = 'sha256:055936d3920576da37aa9bc460d70c5f212028bda1c08c0879aedf03d7a66ea1';

/** An apk package of that image. */
export function apk(name: string, version: string, origin: string): Package {
  return {
    name,
    version,
    type: 'apk',
    purl: `pkg:apk/alpine/${name}@${version}?arch=x86_64&distro=3.9.4`,
    source: { name: origin, version },
    arch: 'x86_64',
    licenses: name.startsWith('musl') ? ['MIT'] : ['OpenSSL'],
    locations: ['/lib/apk/db/installed'],
    layer: ALPINE_LAYER,
    foundBy: 'apk',
    metadata: { kind: 'apk', origin },
  };
}

const openssl = (name: string) => apk(name, '1.1.1b-r1', 'openssl');
const musl = (name: string) => apk(name, '1.1.20-r4', 'musl');

function finding(
  pkg: Package,
  id: string,
  fixed: string,
  severity: Finding['severity'],
  cvss: [number, string],
): Finding {
  return {
    vulnerability: id,
    aliases: [],
    package: pkg,
    fixState: 'fixed',
    fixedVersion: fixed,
    severity,
    severitySource: 'nvd',
    cvss: { score: cvss[0], vector: cvss[1], source: 'nvd' },
    kev: false,
    epss: id === 'CVE-2019-14697' ? 0.01564 : 0.00912,
    matchedBy: `apk-origin:alpine-secdb:${id}`,
    records: [`alpine-secdb:v3.9/main/${pkg.source?.name ?? pkg.name}`],
    summary: id === 'CVE-2019-14697' ? 'musl libc x87 floating-point stack adjustment imbalance' : undefined,
    published: '2019-09-10T17:15:00Z',
  };
}

const V_1549: [number, string] = [5.3, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N'];
const V_14697: [number, string] = [9.8, 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'];

/** The six findings of alpine:3.9.4 in Trivy's golden file. */
export function alpineFindings(): Finding[] {
  return [
    finding(openssl('libcrypto1.1'), 'CVE-2019-1549', '1.1.1d-r0', 'medium', V_1549),
    finding(openssl('libcrypto1.1'), 'CVE-2019-1551', '1.1.1d-r2', 'medium', V_1549),
    finding(openssl('libssl1.1'), 'CVE-2019-1549', '1.1.1d-r0', 'medium', V_1549),
    finding(openssl('libssl1.1'), 'CVE-2019-1551', '1.1.1d-r2', 'medium', V_1549),
    finding(musl('musl'), 'CVE-2019-14697', '1.1.20-r5', 'critical', V_14697),
    finding(musl('musl-utils'), 'CVE-2019-14697', '1.1.20-r5', 'critical', V_14697),
  ];
}
