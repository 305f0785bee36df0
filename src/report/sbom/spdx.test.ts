import { describe, expect, it } from 'vitest';
import { describeErrors, spdxValidator } from './__fixtures__/schema-validators.js';
import { debianRows, sampleInventory } from './__fixtures__/sample-inventory.js';
import { toSpdx } from './spdx.js';

const now = new Date('2026-11-26T12:34:56.789Z');
type SpdxPackage = {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  licenseDeclared: string;
  primaryPackagePurpose?: string;
  externalRefs?: { referenceType: string; referenceLocator: string }[];
};
type Doc = {
  packages: SpdxPackage[];
  relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
  hasExtractedLicensingInfos?: { licenseId: string; extractedText: string }[];
  creationInfo: { created: string; creators: string[] };
  documentNamespace: string;
};

describe('SPDX 2.3 JSON', () => {
  const validate = spdxValidator();
  const doc = () => toSpdx(sampleInventory(), now) as unknown as Doc;

  it('validates against the official 2.3 schema', () => {
    const ok = validate(toSpdx(sampleInventory(), now));
    expect(describeErrors(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('has one package per fixture row with its purl, and safe unique SPDX ids', () => {
    const { packages } = doc();
    const libs = packages.filter((p) => p.primaryPackagePurpose === 'LIBRARY');
    expect(libs.map((p) => [p.name, p.versionInfo])).toEqual(debianRows().map(([n, v]) => [n, v]));
    for (const p of libs) expect(p.externalRefs?.[0]?.referenceLocator).toMatch(/^pkg:deb\/debian\//);
    for (const p of packages) expect(p.SPDXID).toMatch(/^SPDXRef-[A-Za-z0-9.-]+$/);
    expect(new Set(packages.map((p) => p.SPDXID)).size).toBe(packages.length);
  });

  it('describes the image and says the image contains each package and the OS', () => {
    const { packages, relationships } = doc();
    const image = packages.find((p) => p.primaryPackagePurpose === 'CONTAINER')!;
    expect(relationships.filter((r) => r.relationshipType === 'DESCRIBES')).toEqual([
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: image.SPDXID },
    ]);
    const contained = relationships.filter((r) => r.relationshipType === 'CONTAINS');
    expect(contained.every((r) => r.spdxElementId === image.SPDXID)).toBe(true);
    expect(contained.map((r) => r.relatedSpdxElement).sort()).toEqual(
      packages
        .filter((p) => p !== image)
        .map((p) => p.SPDXID)
        .sort(),
    );
  });

  it('declares licences as SPDX expressions, with LicenseRef- for the rest, each one defined', () => {
    const { packages, hasExtractedLicensingInfos = [] } = doc();
    const declared = new Set(packages.map((p) => p.licenseDeclared));
    expect(declared).toEqual(
      new Set([
        'NOASSERTION',
        'MIT',
        'GPL-2.0-or-later',
        'LicenseRef-MIT-BSD-GPL2-plus',
        'Apache-2.0 OR MIT',
        'Zlib AND LicenseRef-custom',
      ]),
    );
    expect(hasExtractedLicensingInfos.map((l) => [l.licenseId, l.extractedText]).sort()).toEqual([
      ['LicenseRef-MIT-BSD-GPL2-plus', 'MIT BSD GPL2+'],
      ['LicenseRef-custom', 'custom'],
    ]);
  });

  it('names the tool, a creation time in whole seconds and a unique namespace', () => {
    const d = doc();
    expect(d.creationInfo).toEqual({ created: '2026-11-26T12:34:56Z', creators: ['Tool: cleanroom-0.1.0'] });
    expect(d.documentNamespace).toMatch(/^https:\/\/spdx\.org\/spdxdocs\/cleanroom-debian-[0-9a-f-]{36}$/);
    const later = toSpdx(sampleInventory(), new Date('2026-11-27T00:00:00Z')) as unknown as Doc;
    expect(later.documentNamespace).not.toBe(d.documentNamespace);
  });
});
