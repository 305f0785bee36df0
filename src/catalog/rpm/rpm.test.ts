import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.js';
import { memoryView } from '../__fixtures__/memory-view.js';
import { parseSourceRpm, rpmCataloguer } from './index.js';

type Pkg = Awaited<ReturnType<typeof rpmCataloguer.parse>>['packages'][number];
const row = (p: Pkg) => {
  const m = p.metadata?.kind === 'rpm' ? p.metadata : undefined;
  return [p.name, m?.epoch ?? '', m?.version, m?.release, p.arch, m?.sourceRpm].join(',');
};
const parse = (path: string, file: string, distro = { id: 'amzn', versionId: '2023' }) =>
  rpmCataloguer.parse(path, readFileSync(file), { distro, view: memoryView([]) });

// the .packages.csv files: ¶-separated, epoch first (empty when none), then name, version, release, arch, source rpm
function csvRows(name: string): string[] {
  return readFileSync(fixture('rpmdb', name), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [epoch, pkg, version, release, arch, srpm] = line.split('¶');
      return [pkg, epoch, version, release, arch, srpm].join(',');
    })
    .sort();
}

describe('rpm cataloguer', () => {
  it('reads the SQLite database of Amazon Linux 2023 exactly as its package list', async () => {
    const { packages, warnings } = await parse(
      '/var/lib/rpm/rpmdb.sqlite',
      fixture('rpmdb', 'amazonlinux2023.rpmdb.sqlite'),
    );
    expect(warnings).toEqual([]);
    expect(packages.map(row).sort()).toEqual(csvRows('amazonlinux2023.packages.csv'));
    const bash = packages.find((p) => p.name === 'bash')!;
    expect(bash.purl).toBe(
      `pkg:rpm/amzn/bash@${bash.version}?arch=x86_64&distro=amzn-2023&upstream=bash-${bash.version}.src.rpm`,
    );
    expect(bash.source).toEqual({ name: 'bash', version: bash.version });
  });

  // The .packages.csv beside sle15-bci.Packages.db was taken from a later revision of that
  // database (its glibc is 2.31-150300.41.1; the .db file holds 2.31-9.3.2 and no byte of
  // "150300.41.1"), so exact rows cannot hold and no local rpm reads NDB. Checked instead against
  // the raw bytes: one package per blob magic, the source rpm names found in the file, and the
  // package names of the csv (which adds only skelcd-EULA-bci).
  it('reads the NDB database of SLE 15: every blob, matching the raw bytes', async () => {
    const raw = readFileSync(fixture('rpmdb', 'sle15-bci.Packages.db'));
    const { packages, warnings } = await parse(
      '/usr/lib/sysimage/rpm/Packages.db',
      fixture('rpmdb', 'sle15-bci.Packages.db'),
      {
        id: 'sles',
        versionId: '15.3',
      },
    );
    expect(warnings).toEqual([]);
    const blobMagics = raw.toString('latin1').split('BlbS').length - 1;
    expect(packages).toHaveLength(blobMagics);
    const rawSources = new Set(raw.toString('latin1').match(/[A-Za-z0-9_.+-]+\.src\.rpm/g));
    expect(new Set(packages.map((p) => p.metadata?.kind === 'rpm' && p.metadata.sourceRpm))).toEqual(
      rawSources,
    );
    const csvNames = new Set(csvRows('sle15-bci.packages.csv').map((r) => r.split(',')[0]));
    expect(packages.every((p) => csvNames.has(p.name))).toBe(true);
    expect(csvNames.size - new Set(packages.map((p) => p.name)).size).toBe(1);
    const glibc = packages.find((p) => p.name === 'glibc')!;
    expect(glibc.purl).toBe(
      `pkg:rpm/sles/glibc@${glibc.version}?arch=x86_64&distro=sles-15.3&upstream=glibc-${glibc.version}.src.rpm`,
    );
  });

  it('reads the Berkeley DB database as Debian rpm -qa does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cleanroom-rpm-'));
    try {
      copyFileSync(fixture('rpmdb', 'libuuid.Packages.bdb'), join(dir, 'Packages'));
      const oracle = execFileSync(
        'rpm',
        [
          '-qa',
          '--dbpath',
          dir,
          '--define',
          '_db_backend bdb_ro',
          '--qf',
          '%{NAME},%{EPOCH},%{VERSION},%{RELEASE},%{ARCH},%{SOURCERPM}\\n',
        ],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      )
        .toString()
        .trim()
        .split('\n')
        .map((line) => line.replace(',(none),', ',,'))
        .sort();
      const { packages, warnings } = await parse('/var/lib/rpm/Packages', join(dir, 'Packages'), {
        id: 'rhel',
        versionId: '8.8',
      });
      expect(warnings).toEqual([]);
      expect(oracle.length).toBeGreaterThan(0);
      expect(packages.map(row).sort()).toEqual(oracle);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the module stream label of a package built for one, as rpm itself reports it', async () => {
    // a package with a ModularityLabel, built with rpmbuild and recorded in a fresh rpmdb.sqlite
    const dir = mkdtempSync(join(tmpdir(), 'cleanroom-rpm-module-'));
    try {
      const spec = join(dir, 'nodejs.spec');
      writeFileSync(
        spec,
        [
          'Name: nodejs',
          'Version: 20.18.0',
          'Release: 1.module+el9.5.0+22222+aaaa',
          'Epoch: 1',
          'Summary: a module build',
          'License: MIT',
          'BuildArch: noarch',
          'ModularityLabel: nodejs:20:9050020241111:rhel9',
          '%description',
          'a module build',
          '%files',
          '',
        ].join('\n'),
      );
      execFileSync('rpmbuild', ['--define', `_topdir ${dir}`, '-bb', spec], { stdio: 'ignore' });
      const rpmFile = join(dir, 'RPMS', 'noarch', 'nodejs-20.18.0-1.module+el9.5.0+22222+aaaa.noarch.rpm');
      const dbpath = join(dir, 'db');
      execFileSync('rpm', ['--dbpath', dbpath, '--initdb']);
      execFileSync('rpm', ['--dbpath', dbpath, '-i', '--nodeps', '--justdb', '--noscripts', rpmFile], {
        stdio: 'ignore',
      });
      const label = execFileSync('rpm', ['--dbpath', dbpath, '-q', '--qf', '%{MODULARITYLABEL}', 'nodejs'], {
        encoding: 'utf8',
      });
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(join(dbpath, 'rpmdb.sqlite'));
      db.pragma('wal_checkpoint(TRUNCATE)'); // rpm leaves its writes in the WAL file
      db.close();
      const { packages } = await parse('/var/lib/rpm/rpmdb.sqlite', join(dbpath, 'rpmdb.sqlite'));
      expect(label).toBe('nodejs:20:9050020241111:rhel9');
      expect(
        packages.map((p) => [p.name, p.version, p.metadata?.kind === 'rpm' && p.metadata.modularityLabel]),
      ).toEqual([['nodejs', '1:20.18.0-1.module+el9.5.0+22222+aaaa', label]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('warns on a file that is no rpm database', async () => {
    const result = await rpmCataloguer.parse('/var/lib/rpm/Packages', Buffer.from('garbage'), {
      view: memoryView([]),
    });
    expect(result.packages).toEqual([]);
    expect(result.warnings).toHaveLength(1);
  });

  it('splits source rpm names', () => {
    expect(parseSourceRpm('system-release-2023.1.20230825-0.amzn2023.src.rpm')).toEqual({
      name: 'system-release',
      version: '2023.1.20230825-0.amzn2023',
    });
  });
});
