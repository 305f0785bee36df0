import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.js';
import { memoryView } from '../__fixtures__/memory-view.js';
import { debianImageFile } from '../__fixtures__/image-files.js';
import { dpkgCataloguer } from './index.js';

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// the oracle: Debian's own dpkg-query over a temporary admin folder holding the status file
function dpkgQuery(status: Buffer, format: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'cleanroom-dpkg-'));
  temps.push(dir);
  mkdirSync(join(dir, 'info'));
  mkdirSync(join(dir, 'updates'));
  writeFileSync(join(dir, 'status'), status);
  writeFileSync(join(dir, 'available'), '');
  const out = execFileSync(
    'dpkg-query',
    [`--admindir=${dir}`, '-W', `-f=\${db:Status-Status}\t${format}\n`],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  ).toString();
  return out
    .split('\n')
    .filter((line) => line !== '' && !/^(config-files|not-installed)\t/.test(line))
    .map((line) => line.slice(line.indexOf('\t') + 1))
    .sort();
}

const ROW = '${Package}\t${Version}\t${source:Package}\t${source:Version}\t${Architecture}';
const parse = (content: Buffer, distro = { id: 'debian', versionId: '12' }) =>
  dpkgCataloguer.parse('/var/lib/dpkg/status', content, { distro, view: memoryView([]) });
const rows = (packages: Awaited<ReturnType<typeof parse>>['packages']) =>
  packages.map((p) => [p.name, p.version, p.source?.name, p.source?.version, p.arch].join('\t')).sort();

describe('dpkg cataloguer', () => {
  it('parses pkgdb/dpkg-ubuntu-valid.txtar completely, as dpkg-query reads it', async () => {
    const txtar = readFileSync(fixture('pkgdb', 'dpkg-ubuntu-valid.txtar'), 'utf8');
    const status = Buffer.from(txtar.split(/^-- var\/lib\/dpkg\/status --\n/m)[1]!.split(/^-- .* --$/m)[0]!);
    const expected = dpkgQuery(status, ROW);
    const { packages, warnings } = await parse(status, { id: 'ubuntu', versionId: '18.04' });
    expect(warnings).toEqual([]);
    expect(expected.length).toBeGreaterThan(50);
    expect(rows(packages)).toEqual(expected);
  });

  it('gives exactly the 96 rows of images/debian-bookworm-slim.packages.tsv', async () => {
    const tsv = readFileSync(fixture('images', 'debian-bookworm-slim.packages.tsv'), 'utf8')
      .trim()
      .split('\n')
      .sort();
    expect(tsv).toHaveLength(96);
    const { packages, warnings } = await parse(debianImageFile('var/lib/dpkg/status'));
    expect(warnings).toEqual([]);
    expect(rows(packages)).toEqual(tsv);
    const bash = packages.find((p) => p.name === 'bash')!;
    expect(bash.purl).toBe(
      `pkg:deb/debian/bash@${bash.version.replace('+', '%2B')}?arch=amd64&distro=debian-12&upstream=bash%40${bash.source!.version}`,
    );
  });

  it('skips config-files and not-installed packages and reads status.d stanzas without Status', async () => {
    const status =
      'Package: gone\nStatus: deinstall ok config-files\nVersion: 1\n\nPackage: kept\nStatus: install ok unpacked\nVersion: 2\nArchitecture: all\n';
    expect((await parse(Buffer.from(status))).packages.map((p) => p.name)).toEqual(['kept']);
    const view = memoryView([{ diffId: 'l', files: { '/var/lib/dpkg/info/libc6:amd64.list': '/.\n' } }]);
    const one = await dpkgCataloguer.parse(
      '/var/lib/dpkg/status.d/libc6',
      Buffer.from('Package: libc6\nVersion: 2.36-9+deb12u4\nArchitecture: amd64\nSource: glibc\n'),
      { view },
    );
    expect(one.packages[0]).toMatchObject({
      name: 'libc6',
      source: { name: 'glibc', version: '2.36-9+deb12u4' },
      locations: ['/var/lib/dpkg/status.d/libc6', '/var/lib/dpkg/info/libc6:amd64.list'],
      purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc',
    });
  });

  it('wants the status file and status.d stanzas only', () => {
    expect(dpkgCataloguer.wants('/var/lib/dpkg/status.d/base')).toBe(true);
    expect(dpkgCataloguer.wants('/var/lib/dpkg/status.d/base.md5sums')).toBe(false);
    expect(dpkgCataloguer.wants('/var/lib/dpkg/status-old')).toBe(false);
  });

  // real copyright files of this machine: bash's is DEP-5, libc6's is free-form
  it.skipIf(!existsSync('/usr/share/doc/bash/copyright') || !existsSync('/usr/share/doc/libc6/copyright'))(
    'reads licences from machine-readable copyright files only',
    async () => {
      const bashCopyright = readFileSync('/usr/share/doc/bash/copyright');
      const expected = execFileSync('sh', [
        '-c',
        "grep '^License:' /usr/share/doc/bash/copyright | sed 's/^License: *//' | awk '!seen[$0]++'",
      ])
        .toString()
        .trim()
        .split('\n');
      const view = memoryView([
        {
          diffId: 'l',
          files: {
            '/usr/share/doc/bash/copyright': bashCopyright,
            '/usr/share/doc/libc6/copyright': readFileSync('/usr/share/doc/libc6/copyright'),
          },
        },
      ]);
      const status = 'Package: bash\nVersion: 5.2.15-2+b2\n\nPackage: libc6\nVersion: 2.36-9\n';
      const { packages } = await dpkgCataloguer.parse('/var/lib/dpkg/status', Buffer.from(status), { view });
      expect(expected.length).toBeGreaterThan(1);
      expect(packages.find((p) => p.name === 'bash')!.licenses).toEqual(expected);
      expect(packages.find((p) => p.name === 'libc6')!.licenses).toEqual([]);
      expect(dpkgCataloguer.retains?.('/usr/share/doc/bash/copyright')).toBe(true);
      expect(dpkgCataloguer.wants('/usr/share/doc/bash/copyright')).toBe(false);
    },
  );
});
