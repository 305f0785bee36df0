import { describe, expect, it } from 'vitest';
import { memoryView } from './__fixtures__/memory-view.js';
import { catalogView, wantsAny } from './catalog-view.js';
import type { TargetInfo } from './types.js';

const target: TargetInfo = { reference: 'test', source: 'memory', tags: [], layers: [] };
const apk = (...pkgs: [string, string][]) => pkgs.map(([p, v]) => `P:${p}\nV:${v}\nA:x86_64\n`).join('\n');
const DB = '/lib/apk/db/installed';
const OS = 'ID=alpine\nVERSION_ID=3.19.1\n';

describe('catalogView', () => {
  it('credits each package to the layer that introduced its present version', async () => {
    const view = memoryView([
      {
        diffId: 'sha256:one',
        files: {
          '/etc/os-release': OS,
          [DB]: apk(['musl', '1.2.4-r2'], ['zlib', '1.3-r0'], ['busybox', '1.36.1-r15']),
          '/app/node_modules/left-pad/package.json': '{"name":"left-pad","version":"1.3.0"}',
          '/usr/lib/python3.11/site-packages/six-1.16.0.dist-info/METADATA': 'Name: six\nVersion: 1.16.0\n',
        },
      },
      {
        // zlib upgraded, busybox removed, curl added
        diffId: 'sha256:two',
        files: { [DB]: apk(['musl', '1.2.4-r2'], ['zlib', '1.3.1-r0'], ['curl', '8.5.0-r0']) },
      },
      {
        // busybox re-installed; the python package deleted; left-pad untouched
        diffId: 'sha256:three',
        files: {
          [DB]: apk(
            ['musl', '1.2.4-r2'],
            ['zlib', '1.3.1-r0'],
            ['curl', '8.5.0-r0'],
            ['busybox', '1.36.1-r15'],
          ),
          '/usr/lib/python3.11/site-packages/six-1.16.0.dist-info/METADATA': null,
        },
      },
    ]);
    const inventory = await catalogView(view, target);
    expect(inventory.distro).toMatchObject({ id: 'alpine', versionId: '3.19.1' });
    expect(inventory.warnings).toEqual([]);
    expect(inventory.packages.map((p) => [p.type, p.name, p.version, p.layer])).toEqual([
      ['apk', 'busybox', '1.36.1-r15', 'sha256:three'],
      ['apk', 'curl', '8.5.0-r0', 'sha256:two'],
      ['apk', 'musl', '1.2.4-r2', 'sha256:one'],
      ['apk', 'zlib', '1.3.1-r0', 'sha256:two'],
      ['npm', 'left-pad', '1.3.0', 'sha256:one'],
    ]);
    expect(inventory.packages[0]!.purl).toBe(
      'pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1',
    );
  });

  it('records unreadable or broken databases as warnings and goes on', async () => {
    const view = memoryView([
      {
        diffId: 'sha256:a',
        files: {
          [DB]: 'P:x\n',
          '/app/node_modules/bad/package.json': '{',
          '/var/lib/rpm/rpmdb.sqlite': 'SQLite format 3\0junk',
        },
      },
    ]);
    const inventory = await catalogView(view, target);
    expect(inventory.packages).toEqual([]);
    expect(inventory.distro).toBeUndefined();
    expect(inventory.warnings.map((w) => w.source).sort()).toEqual([
      '/app/node_modules/bad/package.json',
      DB,
      '/var/lib/rpm/rpmdb.sqlite',
    ]);
  });
  it('merges a package read from two databases into one with both locations', async () => {
    const stanza = 'Package: base-files\nVersion: 12.4\nArchitecture: amd64\n';
    const view = memoryView([
      {
        diffId: 'sha256:a',
        files: { '/var/lib/dpkg/status': stanza, '/var/lib/dpkg/status.d/base-files': stanza },
      },
    ]);
    const { packages } = await catalogView(view, target);
    expect(packages).toHaveLength(1);
    expect(packages[0]!.locations).toEqual(['/var/lib/dpkg/status', '/var/lib/dpkg/status.d/base-files']);
  });
});

describe('wantsAny', () => {
  it('wants distro files and every database, nothing else', () => {
    for (const path of [
      '/etc/os-release',
      '/usr/lib/os-release',
      '/etc/alpine-release',
      DB,
      '/var/lib/dpkg/status',
      '/var/lib/rpm/Packages',
    ]) {
      expect(wantsAny(path), path).toBe(true);
    }
    for (const path of ['/etc/passwd', '/usr/bin/python3', '/var/lib/dpkg/info/bash.list'])
      expect(wantsAny(path), path).toBe(false);
  });
});
