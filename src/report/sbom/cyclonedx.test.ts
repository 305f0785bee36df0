import { describe, expect, it } from 'vitest';
import { cycloneDxValidator, describeErrors } from './__fixtures__/schema-validators.js';
import { debianRows, sampleInventory } from './__fixtures__/sample-inventory.js';
import { toCycloneDx } from './cyclonedx.js';

const now = new Date('2026-11-26T12:34:56.000Z');
type Component = {
  type: string;
  name: string;
  version?: string;
  'bom-ref': string;
  purl?: string;
  licenses?: unknown[];
  properties?: { name: string; value: string }[];
};

describe('CycloneDX 1.6 JSON', () => {
  const validate = cycloneDxValidator();

  it('validates against the official 1.6 schema', () => {
    const ok = validate(toCycloneDx(sampleInventory(), now));
    expect(describeErrors(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('lists every package of the fixture with its version, plus the operating system', () => {
    const bom = toCycloneDx(sampleInventory(), now) as { components: Component[] };
    const libraries = bom.components.filter((c) => c.type === 'library');
    expect(libraries.map((c) => [c.name, c.version])).toEqual(debianRows().map(([n, v]) => [n, v]));
    expect(bom.components.filter((c) => c.type === 'operating-system')).toMatchObject([
      { name: 'debian', version: '12' },
    ]);
    expect(new Set(bom.components.map((c) => c['bom-ref'])).size).toBe(bom.components.length);
  });

  it('describes the image as a container with its digest and an oci purl', () => {
    const bom = toCycloneDx(sampleInventory(), now) as {
      metadata: { component: Component & { hashes: unknown } };
    };
    const { component } = bom.metadata;
    expect(component.type).toBe('container');
    expect(component.name).toBe('debian');
    expect(component.version).toBe('bookworm-slim');
    expect(component.purl).toMatch(/^pkg:oci\/debian@sha256:9a8b7c6d.*tag=bookworm-slim/);
    expect(component.hashes).toEqual([
      { alg: 'SHA-256', content: sampleInventory().target.digest!.slice(7) },
    ]);
  });

  it('writes licences as SPDX ids, expressions or names, and the layer, location and source as properties', () => {
    const bom = toCycloneDx(sampleInventory(), now) as { components: Component[] };
    const licenses = bom.components.filter((c) => c.type === 'library').map((c) => c.licenses);
    expect(licenses).toContainEqual([{ license: { id: 'MIT' } }]);
    expect(licenses).toContainEqual([{ license: { id: 'GPL-2.0-or-later' } }]);
    expect(licenses).toContainEqual([{ license: { name: 'MIT BSD GPL2+' } }]);
    expect(licenses).toContainEqual([{ expression: 'Apache-2.0 OR MIT' }]);
    expect(licenses).toContainEqual([{ license: { id: 'Zlib' } }, { license: { name: 'custom' } }]);
    const apt = bom.components.find((c) => c.name === 'apt')!;
    expect(apt.properties).toEqual(
      expect.arrayContaining([
        { name: 'cleanroom:layer', value: sampleInventory().target.layers[0]!.diffId },
        { name: 'cleanroom:location:0:path', value: '/var/lib/dpkg/status' },
        { name: 'cleanroom:source:name', value: 'apt' },
      ]),
    );
  });

  it('has a serial number that changes with the time and not between two identical runs', () => {
    const a = toCycloneDx(sampleInventory(), now).serialNumber;
    expect(toCycloneDx(sampleInventory(), now).serialNumber).toBe(a);
    expect(toCycloneDx(sampleInventory(), new Date(now.getTime() + 1000)).serialNumber).not.toBe(a);
  });
});
