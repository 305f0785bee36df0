/**
 * A sample inventory for the format tests, built from real data: the package rows of
 * fixtures/images/debian-bookworm-slim.packages.tsv (dpkg-query output of a real image), plus
 * licence strings of the kinds real databases hold (SPDX ids, expressions, free text).
 */
import { readFileSync } from 'node:fs';
import { PackageURL } from 'packageurl-js';
import type { Inventory, Package } from '../../../catalog/types.js';
import { fixture } from '../../../../test/fixtures.js';

export const LAYER = 'sha256:2f1b2e1d6f2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7';

/** Licence strings as package databases write them: ids, expressions, and names that are neither. */
export const SAMPLE_LICENSES = [
  ['MIT'],
  ['gpl-2.0-or-later'],
  ['MIT BSD GPL2+'],
  ['Apache-2.0 OR MIT'],
  ['Zlib', 'custom'],
];

/** The rows of the Debian fixture's packages.tsv: name, version, source, source version, arch. */
export function debianRows(): string[][] {
  const text = readFileSync(fixture('images', 'debian-bookworm-slim.packages.tsv'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => line.split('\t'));
}

/** An inventory of the Debian fixture's packages, as a cataloguer would describe them. */
export function sampleInventory(): Inventory {
  const packages: Package[] = debianRows().map(
    ([name = '', version = '', source = '', sourceVersion = '', arch = ''], i) => ({
      name,
      version,
      type: 'deb',
      purl: new PackageURL(
        'deb',
        'debian',
        name,
        version,
        { arch, distro: 'debian-12' },
        undefined,
      ).toString(),
      source: { name: source, version: sourceVersion },
      arch,
      licenses: SAMPLE_LICENSES[i % (SAMPLE_LICENSES.length + 1)] ?? [],
      locations: ['/var/lib/dpkg/status'],
      layer: LAYER,
      foundBy: 'dpkg',
      metadata: { kind: 'deb', status: 'install ok installed' },
    }),
  );
  return {
    target: {
      reference: 'oci-archive:debian-bookworm-slim.oci.tar',
      source: 'oci-archive',
      digest: 'sha256:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b',
      tags: ['debian:bookworm-slim'],
      created: '2026-11-26T00:00:00Z',
      platform: 'linux/amd64',
      sizeBytes: 30_000_000,
      layers: [
        {
          digest: 'sha256:11',
          diffId: LAYER,
          size: 29_000_000,
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        },
      ],
    },
    distro: { id: 'debian', versionId: '12', codename: 'bookworm' },
    packages,
    warnings: [{ source: '/var/lib/dpkg/status', message: 'an example warning' }],
  };
}
