import { describe, expect, it } from 'vitest';
import { ALPINE_DIGEST, alpineFindings } from './__fixtures__/alpine-findings.js';
import { applyVex } from './apply.js';
import { parseVexText } from './parse.js';

function openVex(statements: object[], timestamp = '2024-04-01T10:00:00Z'): string {
  return JSON.stringify({
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'https://example.com/vex/alpine-1',
    author: 'Platform team <platform@example.com>',
    timestamp,
    version: 1,
    statements,
  });
}

const key = (f: { vulnerability: string; package: { name: string } }) =>
  `${f.vulnerability} ${f.package.name}`;

describe('applyVex', () => {
  const findings = alpineFindings();

  it('suppresses exactly the finding a not_affected statement names, keeping the justification', () => {
    const statements = parseVexText(
      openVex([
        {
          vulnerability: { name: 'CVE-2019-1549' },
          products: [{ '@id': 'pkg:apk/alpine/libssl1.1@1.1.1b-r1' }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          impact_statement: 'the service never forks after seeding the RNG',
        },
      ]),
      'team.vex.json',
    );
    const { kept, suppressed } = applyVex(findings, statements);
    expect(suppressed.map(key)).toEqual(['CVE-2019-1549 libssl1.1']);
    expect(suppressed[0]?.vex).toEqual({
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
      impactStatement: 'the service never forks after seeding the RNG',
      source: 'team.vex.json',
    });
    expect(kept.map(key)).toEqual(findings.filter((f) => key(f) !== 'CVE-2019-1549 libssl1.1').map(key));
    expect(kept.every((f) => f.vex === undefined)).toBe(true);
  });

  it('matches by alias in either direction, case-insensitively', () => {
    const withAlias = findings.map((f) =>
      f.vulnerability === 'CVE-2019-14697' ? { ...f, aliases: ['GHSA-test-musl'] } : f,
    );
    const s = parseVexText(
      openVex([
        {
          vulnerability: { name: 'ghsa-test-musl' },
          products: [{ '@id': 'pkg:apk/alpine/musl-utils' }],
          status: 'fixed',
        },
      ]),
      'a.json',
    );
    expect(applyVex(withAlias, s).suppressed.map(key)).toEqual(['CVE-2019-14697 musl-utils']);
    const s2 = parseVexText(
      openVex([
        {
          vulnerability: { name: 'OTHER-1', aliases: ['CVE-2019-14697'] },
          products: [{ '@id': 'pkg:apk/alpine/musl-utils' }],
          status: 'fixed',
        },
      ]),
      'b.json',
    );
    expect(applyVex(findings, s2).suppressed.map(key)).toEqual(['CVE-2019-14697 musl-utils']);
  });

  it('applies an image product to its subcomponents only, and only for that image', () => {
    const s = parseVexText(
      openVex([
        {
          vulnerability: { name: 'CVE-2019-1551' },
          products: [{ '@id': ALPINE_DIGEST, subcomponents: [{ '@id': 'pkg:apk/alpine/libcrypto1.1' }] }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_present',
        },
      ]),
      'img.json',
    );
    expect(applyVex(findings, s, ALPINE_DIGEST).suppressed.map(key)).toEqual(['CVE-2019-1551 libcrypto1.1']);
    expect(applyVex(findings, s, 'sha256:' + '0'.repeat(64)).suppressed).toEqual([]);
    expect(applyVex(findings, s).suppressed).toEqual([]);
  });

  it('applies an image product without subcomponents to every package of the image', () => {
    const s = parseVexText(
      openVex([
        {
          vulnerability: { name: 'CVE-2019-1551' },
          products: [{ '@id': 'pkg:oci/alpine?repository_url=docker.io/library/alpine' }],
          status: 'not_affected',
          impact_statement: 'TLS is terminated in front of this image',
        },
      ]),
      'img.json',
    );
    const image = [
      ALPINE_DIGEST,
      `pkg:oci/alpine@${ALPINE_DIGEST}?repository_url=docker.io/library/alpine&tag=3.9.4`,
    ];
    expect(applyVex(findings, s, image).suppressed.map(key)).toEqual([
      'CVE-2019-1551 libcrypto1.1',
      'CVE-2019-1551 libssl1.1',
    ]);
  });

  it('records affected and under_investigation but keeps the finding', () => {
    // musl-utils is built from musl: a statement about the source package covers both binaries
    const s = parseVexText(
      openVex([
        {
          vulnerability: { name: 'CVE-2019-14697' },
          products: [{ '@id': 'pkg:apk/alpine/musl' }],
          status: 'affected',
          action_statement: 'update musl',
        },
        {
          vulnerability: { name: 'CVE-2019-1549' },
          products: [{ '@id': 'pkg:apk/alpine/openssl' }],
          status: 'under_investigation',
        },
      ]),
      'c.json',
    );
    const { kept, suppressed } = applyVex(findings, s);
    expect(suppressed).toEqual([]);
    expect(kept.filter((f) => f.vex).map((f) => `${key(f)} ${f.vex?.status}`)).toEqual([
      'CVE-2019-1549 libcrypto1.1 under_investigation',
      'CVE-2019-1549 libssl1.1 under_investigation',
      'CVE-2019-14697 musl affected',
      'CVE-2019-14697 musl-utils affected',
    ]);
  });

  it('lets the latest statement win, whatever the order of documents', () => {
    const older = parseVexText(
      openVex([
        {
          vulnerability: { name: 'CVE-2019-14697' },
          products: [{ '@id': 'pkg:apk/alpine/musl-utils' }],
          status: 'not_affected',
          justification: 'component_not_present',
          timestamp: '2024-01-01T00:00:00Z',
        },
      ]),
      'old.json',
    );
    const newer = parseVexText(
      openVex([
        {
          vulnerability: { name: 'CVE-2019-14697' },
          products: [{ '@id': 'pkg:apk/alpine/musl-utils' }],
          status: 'affected',
          action_statement: 'update',
          timestamp: '2024-02-01T00:00:00Z',
        },
      ]),
      'new.json',
    );
    for (const order of [
      [...older, ...newer],
      [...newer, ...older],
    ]) {
      const { kept, suppressed } = applyVex(findings, order);
      expect(suppressed).toEqual([]);
      expect(kept.find((f) => key(f) === 'CVE-2019-14697 musl-utils')?.vex?.source).toBe('new.json');
    }
    // a statement without its own timestamp takes its document's
    const docLevel = parseVexText(
      openVex(
        [
          {
            vulnerability: { name: 'CVE-2019-14697' },
            products: [{ '@id': 'pkg:apk/alpine/musl-utils' }],
            status: 'fixed',
          },
        ],
        '2024-03-01T00:00:00Z',
      ),
      'doc.json',
    );
    expect(applyVex(findings, [...docLevel, ...newer]).suppressed.map(key)).toEqual([
      'CVE-2019-14697 musl-utils',
    ]);
  });

  it('does not change the findings it is given', () => {
    const before = JSON.stringify(findings);
    const s = parseVexText(
      openVex([
        {
          vulnerability: { name: 'CVE-2019-1549' },
          products: [{ '@id': 'pkg:apk/alpine/openssl' }],
          status: 'fixed',
        },
      ]),
      'd.json',
    );
    expect(applyVex(findings, s).suppressed).toHaveLength(2);
    expect(JSON.stringify(findings)).toBe(before);
  });
});
