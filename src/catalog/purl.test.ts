import { describe, expect, it } from 'vitest';
import { buildPurl, distroQualifier } from './purl.js';

describe('buildPurl', () => {
  it('writes apk purls with arch and distro qualifiers', () => {
    const distro = distroQualifier({ id: 'alpine', versionId: '3.9.4' });
    expect(
      buildPurl({
        type: 'apk',
        namespace: 'alpine',
        name: 'musl',
        version: '1.1.20-r4',
        qualifiers: { arch: 'x86_64', distro },
      }),
    ).toBe('pkg:apk/alpine/musl@1.1.20-r4?arch=x86_64&distro=alpine-3.9.4');
  });
  it('percent-encodes + in deb versions and keeps the epoch colon', () => {
    expect(
      buildPurl({
        type: 'deb',
        namespace: 'debian',
        name: 'libc6',
        version: '2.36-9+deb12u4',
        qualifiers: { arch: 'amd64', distro: 'debian-12' },
      }),
    ).toBe('pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12');
    expect(buildPurl({ type: 'deb', namespace: 'debian', name: 'bsdutils', version: '1:2.38.1-5' })).toBe(
      'pkg:deb/debian/bsdutils@1:2.38.1-5',
    );
  });
  it('writes the npm scope as an encoded namespace and normalises pypi names', () => {
    expect(buildPurl({ type: 'npm', namespace: '@scope', name: 'name', version: '1.0.0' })).toBe(
      'pkg:npm/%40scope/name@1.0.0',
    );
    expect(buildPurl({ type: 'pypi', name: 'Zope_Interface', version: '6.0' })).toBe(
      'pkg:pypi/zope-interface@6.0',
    );
  });
  it('drops empty qualifiers and sorts the rest', () => {
    expect(
      buildPurl({
        type: 'rpm',
        namespace: 'amzn',
        name: 'bash',
        version: '5.2.15-1',
        qualifiers: { epoch: '1', arch: 'x86_64', upstream: undefined },
      }),
    ).toBe('pkg:rpm/amzn/bash@5.2.15-1?arch=x86_64&epoch=1');
  });
});
