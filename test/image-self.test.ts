/**
 * cleanroom's own image (`npm run image`, deploy/cleanroom.yaml): built twice from the same
 * checkout it has the same manifest digest and the same SBOM; unpacked and entered with chroot as
 * its account (uid 65532), `cleanroom --version` answers, `cleanroom serve` answers /api/health
 * over the SQLite store (the native binding loads in Debian's Node), there is no shell and no
 * package manager, and the image's own `cleanroom scan /` lists the same packages and findings as
 * a scan of its OCI layout from outside.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_CACHE_HOME, canBuild, isRoot, layoutMember } from './build-helpers.js';
import { freePort } from './free-port.js';
import { ROOT } from './sbom-helpers.js';
import { tempDir } from './scan-helpers.js';

const tmp = tempDir('cleanroom-image-self-');
afterAll(tmp.cleanup);
const built =
  existsSync(resolve(ROOT, 'dist/cli/main.js')) && existsSync(resolve(ROOT, 'dist/console/index.html'));
const USER = '--userspec=65532:65532';
const EPOCH = '1765065600'; // 2025-12-07: any fixed time; the two builds must agree on it

/**
 * A still copy of the built checkout: other work may rebuild dist/ between the two builds, which
 * would be a different application, not an irreproducible build. node_modules is linked, not copied.
 */
function snapshot(dir: string): string {
  for (const rel of [
    'package.json',
    'package-lock.json',
    'bin',
    'dist',
    'schemas',
    'examples',
    'deploy/cleanroom.yaml',
  ])
    cpSync(resolve(ROOT, rel), join(dir, rel), { recursive: true });
  symlinkSync(resolve(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Runs scripts/image.js (what `npm run image` runs) on a checkout with the shared package cache. */
function buildImage(checkout: string, output: string) {
  mkdirSync(resolve(output, '..'), { recursive: true });
  const args = [resolve(ROOT, 'scripts/image.js'), '--checkout', checkout, '--output', output];
  return spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: BUILD_CACHE_HOME, SOURCE_DATE_EPOCH: EPOCH },
  });
}

type Manifest = { config: { digest: string }; layers: { digest: string }[] };
const blob = (digest: string) => `blobs/sha256/${digest.slice('sha256:'.length)}`;
function manifest(tar: string): {
  digest: string;
  manifest: Manifest;
  config: { config: Record<string, unknown> };
} {
  const index = JSON.parse(layoutMember(tar, 'index.json').toString()) as { manifests: { digest: string }[] };
  const digest = index.manifests[0]!.digest;
  const m = JSON.parse(layoutMember(tar, blob(digest)).toString()) as Manifest;
  return { digest, manifest: m, config: JSON.parse(layoutMember(tar, blob(m.config.digest)).toString()) };
}

/** Runs cleanroom inside the root as the image's account, with the image's environment. */
function inImage(root: string, args: string[]) {
  return spawnSync('chroot', [USER, root, '/usr/bin/cleanroom', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/home/cleanroom', LANG: 'C.UTF-8' },
  });
}

interface ScanJson {
  inventory: { packages: { name: string; type: string }[] };
  findings: { vulnerability: string; package: { name: string } }[];
}
const names = (s: ScanJson) => s.inventory.packages.map((p) => `${p.type}:${p.name}`).sort();
const found = (s: ScanJson) => s.findings.map((f) => `${f.vulnerability} ${f.package.name}`).sort();

describe.skipIf(!canBuild || !isRoot || !built)('cleanroom image (npm run image)', () => {
  // both builds write to the same path (the SBOM names it); the first is moved aside
  const second = join(tmp.dir, 'out', 'cleanroom.oci.tar');
  const first = join(tmp.dir, 'first', 'cleanroom.oci.tar');
  const root = join(tmp.dir, 'root');
  const db = join(tmp.dir, 'advisory.db');

  beforeAll(() => {
    const checkout = snapshot(join(tmp.dir, 'checkout'));
    mkdirSync(join(tmp.dir, 'first'));
    for (const n of [1, 2]) {
      const started = performance.now();
      const run = buildImage(checkout, second);
      expect(run.stderr).toMatch(/application entries/);
      expect(run.status).toBe(0);
      console.log(
        `build ${n}: ${((performance.now() - started) / 1000).toFixed(1)} s; ${run.stdout.split('\n')[0]}`,
      );
      if (n === 1)
        for (const f of ['cleanroom.oci.tar', 'cleanroom.oci.cdx.json'])
          renameSync(join(tmp.dir, 'out', f), join(tmp.dir, 'first', f));
    }
    mkdirSync(root);
    for (const layer of manifest(first).manifest.layers)
      execFileSync('tar', ['-xz', '-C', root], {
        input: layoutMember(first, blob(layer.digest)),
        maxBuffer: 1 << 30,
      });
    // an advisory DB of the examples, put where the image's account can read it
    execFileSync(process.execPath, [
      resolve(ROOT, 'bin/cleanroom.js'),
      ...['db', 'build', '--source', `alpine-secdb=${resolve(ROOT, 'examples/advisories')}`],
      ...[
        '--source',
        `osv=${resolve(ROOT, 'examples/osv')}`,
        '--source',
        `osv=${resolve(ROOT, 'examples/demo/debian-osv')}`,
      ],
      ...['--out', db],
    ]);
    execFileSync('cp', [db, join(root, 'tmp', 'advisory.db')]);
  }, 600_000);

  it('is reproducible: two builds, one manifest digest, one SBOM', () => {
    expect(manifest(second).digest).toBe(manifest(first).digest);
    expect(readFileSync(second.replace(/\.tar$/, '.cdx.json'))).toEqual(
      readFileSync(first.replace(/\.tar$/, '.cdx.json')),
    );
  });

  it('runs as its account, cleanroom as the entrypoint, with no shell and no package manager', () => {
    const { config, manifest: m } = manifest(first);
    expect(m.layers).toHaveLength(2);
    expect(config.config.User).toBe('65532:65532');
    expect(config.config.Entrypoint).toEqual(['/usr/bin/cleanroom']);
    for (const path of [
      'bin/sh',
      'usr/bin/sh',
      'usr/bin/bash',
      'usr/bin/dash',
      'usr/bin/apt',
      'usr/bin/dpkg',
      'usr/bin/npm',
    ])
      expect(existsSync(join(root, path)), path).toBe(false);
    expect(spawnSync('chroot', [USER, root, '/bin/sh', '-c', 'true']).status).not.toBe(0);
    // the folders deploy/compose.yaml mounts belong to the account, so fresh volumes are writable
    for (const path of ['var/lib/cleanroom/advisory', 'var/cache/cleanroom'])
      expect(statSync(join(root, path)).uid, path).toBe(65532);
    // `cleanroom` is on PATH without /usr/bin/env: a launcher Node runs
    expect(readFileSync(join(root, 'usr/bin/cleanroom'), 'utf8')).toMatch(/^#!\/usr\/bin\/node\n/);
  });

  it('answers cleanroom --version as its account', () => {
    const run = inImage(root, ['--version']);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(
      (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });

  it('serves /api/health over a SQLite store', async () => {
    const port = await freePort();
    const child = spawn(
      'chroot',
      [
        USER,
        root,
        '/usr/bin/cleanroom',
        'serve',
        '--store',
        '/tmp/history.db',
        '--db',
        '/tmp/advisory.db',
        '--port',
        String(port),
      ],
      {
        env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/home/cleanroom' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    try {
      let answer: Response | undefined;
      for (let i = 0; i < 100 && !answer; i++) {
        answer = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
        if (!answer) await new Promise((r) => setTimeout(r, 200));
      }
      expect(answer?.status, stderr).toBe(200);
      expect(await answer!.json()).toMatchObject({ status: 'ok' });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
    }
  }, 60_000);

  it('scans itself: the same packages and findings as a scan of its layout from outside', () => {
    const inside = inImage(root, ['scan', '/', '--db', '/tmp/advisory.db', '--format', 'json']);
    expect(inside.status, inside.stderr).toBe(0);
    const own = JSON.parse(inside.stdout) as ScanJson;
    const outside = JSON.parse(
      execFileSync(
        process.execPath,
        [resolve(ROOT, 'bin/cleanroom.js'), 'scan', first, '--db', db, '--format', 'json'],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 28,
        },
      ),
    ) as ScanJson;
    expect(names(own)).toContain('deb:nodejs');
    expect(names(own)).toContain('npm:better-sqlite3');
    expect(names(own)).not.toContain('deb:dash');
    expect(names(own)).toEqual(names(outside));
    expect(found(own)).toEqual(found(outside));
  }, 120_000);

  it('finds the CVEs of the bundled Alpine example from inside the image', () => {
    const run = inImage(root, [
      'scan',
      '/usr/lib/cleanroom/examples/alpine-3.9.4.docker.tar.gz',
      '--db',
      '/tmp/advisory.db',
      '--format',
      'json',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const outside = execFileSync(
      process.execPath,
      [
        resolve(ROOT, 'bin/cleanroom.js'),
        'scan',
        resolve(ROOT, 'examples/alpine-3.9.4.docker.tar.gz'),
        '--db',
        db,
        '--format',
        'json',
      ],
      { encoding: 'utf8' },
    );
    const own = JSON.parse(run.stdout) as ScanJson;
    expect(own.findings.length).toBeGreaterThan(0);
    expect(found(own)).toEqual(found(JSON.parse(outside) as ScanJson));
  }, 120_000);
});
