/**
 * `cleanroom build` of examples/build/python.yaml with real Debian packages from the mirror this
 * machine's apt sources name: the root runs Python as the non-root user under chroot, holds no
 * shell, apt or dpkg, builds to the same digest twice, and `cleanroom sbom` of it lists exactly the
 * resolved packages.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  example,
  canBuild,
  isRoot,
  lockedPackages,
  manifestOf,
  runBuild,
  runCliEnv,
  unpackRoot,
} from './build-helpers.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-build-python-');
afterAll(tmp.cleanup);

describe.skipIf(!canBuild)('cleanroom build examples/build/python.yaml', () => {
  const first = join(tmp.dir, 'a', 'python.oci.tar');
  const second = join(tmp.dir, 'b', 'python.oci.tar');
  const lock = join(tmp.dir, 'a', 'python.lock');
  const root = join(tmp.dir, 'root');
  let stdout = '';

  beforeAll(async () => {
    for (const d of ['a', 'b']) spawnSync('mkdir', ['-p', join(tmp.dir, d)]);
    const run = await runBuild([example('python.yaml'), '--output', first, '--lock', lock]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    stdout = run.stdout;
    unpackRoot(first, root);
  }, 600_000);

  it('prints the digest, writes the layout, its SBOM and the lock', () => {
    expect(stdout).toMatch(/python\.oci\.tar amd64 sha256:[0-9a-f]{64} \(\d+ packages\)/);
    expect(existsSync(join(tmp.dir, 'a', 'python.oci.cdx.json'))).toBe(true);
    expect(lockedPackages(lock).some((p) => p.startsWith('python3='))).toBe(true);
    expect(readdirSync(join(tmp.dir, 'a')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it.skipIf(!isRoot)('runs python3 as the non-root user under chroot', () => {
    const run = spawnSync(
      'chroot',
      [
        '--userspec=65532:65532',
        root,
        '/usr/bin/python3',
        '-c',
        'import ssl, sqlite3, json, os; print(ssl.OPENSSL_VERSION, os.getuid())',
      ],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^OpenSSL 3\.\S+ .* 65532\n$/);
  });

  it('holds no shell, no apt, no dpkg; users, os-release, status.d and CA bundle are there', () => {
    for (const bin of ['sh', 'bash', 'dash', 'apt', 'apt-get', 'dpkg', 'dpkg-deb'])
      for (const dir of ['bin', 'usr/bin', 'sbin', 'usr/sbin'])
        expect(existsSync(join(root, dir, bin)), `${dir}/${bin}`).toBe(false);
    expect(readFileSync(join(root, 'etc/passwd'), 'utf8')).toContain('nonroot:x:65532:65532:');
    expect(readFileSync(join(root, 'etc/os-release'), 'utf8')).toMatch(/^ID=debian$/m);
    const statusD = readdirSync(join(root, 'var/lib/dpkg/status.d')).filter((n) => !n.endsWith('.md5sums'));
    expect(statusD.sort()).toEqual(
      lockedPackages(lock)
        .map((p) => p.split('=')[0]!)
        .sort(),
    );
    expect(readFileSync(join(root, 'etc/ssl/certs/ca-certificates.crt'), 'utf8')).toMatch(
      /BEGIN CERTIFICATE/,
    );
    expect(manifestOf(first).config).toMatchObject({
      config: { User: '65532:65532', Entrypoint: ['/usr/bin/python3'] },
    });
  });

  it('builds to the same digest in another folder at another time', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const run = await runBuild([example('python.yaml'), '--output', second, '--lock', lock]);
    expect(run.code).toBe(0);
    expect(manifestOf(second).digest).toBe(manifestOf(first).digest);
    expect(readFileSync(second).equals(readFileSync(first))).toBe(true);
  }, 300_000);

  it('is inventoried by `cleanroom sbom` as exactly the resolved packages', async () => {
    const run = await runCliEnv(['sbom', first, '--format', 'json'], {});
    expect(run.code).toBe(0);
    const inventory = JSON.parse(run.stdout) as {
      packages: { type: string; name: string; version: string }[];
      distro?: { id: string; versionId: string };
    };
    const debs = inventory.packages
      .filter((p) => p.type === 'deb')
      .map((p) => `${p.name}=${p.version}`)
      .sort();
    expect(debs).toEqual(lockedPackages(lock));
    expect(inventory.distro).toMatchObject({ id: 'debian', versionId: '12' });
  });

  it('explains why a package is in', async () => {
    const run = await runBuild([example('python.yaml'), '--explain', 'libssl3', '--lock', lock]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^libssl3 \S+ \(amd64\):\n {2}python3: declared in the image file\n/);
    expect(run.stdout).toMatch(/libssl3: Depends of \S+: libssl3/);
  }, 120_000);
});
