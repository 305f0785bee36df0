/**
 * `cleanroom build` of trixie images: trixie's packages ship their files under `/usr` only (the ELF
 * interpreter is `/usr/lib64/ld-linux-x86-64.so.2`), so a root without the merged-/usr links
 * (`/bin`, `/sbin`, `/lib`, `/lib64` → `usr/…`) runs nothing. Built here from Debian's trixie
 * packages: Node and the python example run their entrypoint under chroot as a non-root uid, and
 * the root's top-level links are exactly those of a trixie system made by mmdebstrap
 * (make-debian-image.sh).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAptSources } from '../src/builder/apt-sources.js';
import { canBuild, example, imageFile, isRoot, runBuild, unpackRoot } from './build-helpers.js';
import { fixturesDir } from './fixtures.js';
import { tempDir } from './scan-helpers.js';

const script = resolve(fixturesDir(), '..', 'scripts', 'make-debian-image.sh');
const tools = ['mmdebstrap', 'umoci'].every((t) => spawnSync('which', [t]).status === 0);
const tmp = tempDir('cleanroom-build-trixie-');
afterAll(tmp.cleanup);

/** The top-level symbolic links of a root, `name -> target`, sorted. */
function topLinks(root: string): string[] {
  return readdirSync(root)
    .filter((n) => lstatSync(join(root, n)).isSymbolicLink())
    .map((n) => `${n} -> ${readlinkSync(join(root, n))}`)
    .sort();
}

/** Runs a command in a root as uid/gid 65532 with a clean environment. */
function chrootRun(root: string, argv: string[]) {
  return spawnSync('chroot', ['--userspec=65532:65532', root, ...argv], {
    encoding: 'utf8',
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' },
  });
}

describe.skipIf(!canBuild)('cleanroom build of trixie images', () => {
  const node = join(tmp.dir, 'node', 'node.oci.tar');
  const python = join(tmp.dir, 'python', 'python.oci.tar');
  const nodeRoot = join(tmp.dir, 'node-root');
  const pythonRoot = join(tmp.dir, 'python-root');

  beforeAll(async () => {
    for (const d of ['node', 'python']) mkdirSync(join(tmp.dir, d));
    const mirror = (await readAptSources()).find((s) => s.suites.some((x) => x.startsWith('bookworm')))!.uri;
    const repos = `repositories:\n  - url: ${mirror}\n    suites: [trixie]\n`;
    const nodeFile = imageFile(
      tmp.dir,
      'node.yaml',
      `suite: trixie\n${repos}packages: [nodejs]\nentrypoint: [/usr/bin/node]\n`,
    );
    const pythonFile = imageFile(
      tmp.dir,
      'python.yaml',
      `${readFileSync(example('python.yaml'), 'utf8').replace(/^suite: bookworm$/m, 'suite: trixie')}\n${repos}`,
    );
    const runs = await Promise.all([
      runBuild([nodeFile, '--output', node]),
      runBuild([pythonFile, '--output', python]),
    ]);
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    unpackRoot(node, nodeRoot);
    unpackRoot(python, pythonRoot);
  }, 900_000);

  it('makes the merged-/usr links, and no file lands beside them', () => {
    for (const root of [nodeRoot, pythonRoot]) {
      expect(topLinks(root)).toEqual([
        'bin -> usr/bin',
        'lib -> usr/lib',
        'lib64 -> usr/lib64',
        'sbin -> usr/sbin',
      ]);
      expect(existsSync(join(root, 'usr/lib64/ld-linux-x86-64.so.2'))).toBe(true);
      expect(existsSync(join(root, 'lib64/ld-linux-x86-64.so.2'))).toBe(true);
    }
  });

  it.skipIf(!isRoot)('runs node as a non-root uid under chroot', () => {
    const run = chrootRun(nodeRoot, [
      '/usr/bin/node',
      '-e',
      'console.log(process.version, process.getuid())',
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^v2\d\.\d+\.\d+ 65532\n$/);
  });

  it.skipIf(!isRoot)('runs the python example’s entrypoint as a non-root uid under chroot', () => {
    const run = chrootRun(pythonRoot, [
      '/usr/bin/python3',
      '-c',
      'import ssl, sqlite3, os, sys; print(sys.version_info[:2], ssl.OPENSSL_VERSION, os.getuid())',
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^\(3, 13\) OpenSSL 3\.\S+ .* 65532\n$/);
    for (const bin of ['sh', 'bash', 'dash', 'apt', 'dpkg'])
      expect(existsSync(join(pythonRoot, 'usr/bin', bin)), bin).toBe(false);
  });

  it.skipIf(!isRoot || !tools || !existsSync(script))(
    'has the top-level links of a trixie system made by mmdebstrap',
    () => {
      const system = join(tmp.dir, 'system');
      execFileSync('bash', [script, system, 'trixie'], { stdio: 'pipe', timeout: 900_000 });
      const root = join(tmp.dir, 'system-root');
      mkdirSync(root);
      const index = JSON.parse(
        execFileSync('tar', ['-xOf', join(system, 'image.oci.tar'), './index.json']).toString(),
      ) as { manifests: { digest: string }[] };
      const blob = (d: string) => `./blobs/sha256/${d.slice('sha256:'.length)}`;
      const manifest = JSON.parse(
        execFileSync('tar', [
          '-xOf',
          join(system, 'image.oci.tar'),
          blob(index.manifests[0]!.digest),
        ]).toString(),
      ) as { layers: { digest: string }[] };
      const layer = execFileSync(
        'tar',
        ['-xOf', join(system, 'image.oci.tar'), blob(manifest.layers[0]!.digest)],
        {
          maxBuffer: 1 << 30,
        },
      );
      execFileSync('tar', ['-xz', '-C', root], {
        input: layer,
        maxBuffer: 1 << 30,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      expect(topLinks(root)).toEqual(topLinks(nodeRoot));
    },
    900_000,
  );
});
