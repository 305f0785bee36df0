/** Helpers of the `cleanroom build` end-to-end tests: a shared download cache, image files, layers. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, type CliRun } from './sbom-helpers.js';

/** Runs `node bin/cleanroom.js ARGS` with extra environment, stdout piped (not a terminal). */
export function runCliEnv(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'bin/cleanroom.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '', ...env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (code) =>
      done({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    );
  });
}

/** One download cache for every build test of a run (and later runs on the same machine). */
export const BUILD_CACHE_HOME = join(tmpdir(), 'cleanroom-build-test-cache');

/** Whether this machine can run the build tests: Debian's gpgv, xz, keyring, and root for chroot. */
export const canBuild =
  ['gpgv', 'xz'].every((t) => spawnSync('which', [t]).status === 0) &&
  spawnSync('test', ['-f', '/usr/share/keyrings/debian-archive-keyring.gpg']).status === 0;
export const isRoot = process.getuid?.() === 0;

/** Runs `cleanroom build ARGS` with the shared cache (or `cacheHome`) and extra environment. */
export function runBuild(
  args: string[],
  env: Record<string, string> = {},
  cacheHome = BUILD_CACHE_HOME,
): Promise<CliRun> {
  mkdirSync(cacheHome, { recursive: true });
  return runCliEnv(['build', ...args], { XDG_CACHE_HOME: cacheHome, ...env });
}

/** The path of an example image file. */
export const example = (name: string) => resolve(ROOT, 'examples', 'build', name);

/** Writes an image file into `dir` and returns its path. */
export function imageFile(dir: string, name: string, yaml: string): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

/** Reads a file of an OCI layout tar with the system's tar. */
export function layoutMember(tar: string, name: string): Buffer {
  return execFileSync('tar', ['-xOf', tar, name], { maxBuffer: 1 << 30 });
}

/** The manifest digest and the layer blob path inside an OCI layout tar. */
export function manifestOf(tar: string): { digest: string; layer: string; config: Record<string, unknown> } {
  const index = JSON.parse(layoutMember(tar, 'index.json').toString()) as { manifests: { digest: string }[] };
  const digest = index.manifests[0]!.digest;
  const blob = (d: string) => `blobs/sha256/${d.slice('sha256:'.length)}`;
  const manifest = JSON.parse(layoutMember(tar, blob(digest)).toString()) as {
    config: { digest: string };
    layers: { digest: string }[];
  };
  const config = JSON.parse(layoutMember(tar, blob(manifest.config.digest)).toString()) as Record<
    string,
    unknown
  >;
  return { digest, layer: blob(manifest.layers[0]!.digest), config };
}

/** Unpacks the one layer of an OCI layout tar into `root` (a fresh folder). */
export function unpackRoot(tar: string, root: string): void {
  mkdirSync(root, { recursive: true });
  const { layer } = manifestOf(tar);
  execFileSync('tar', ['-xz', '-C', root], { input: layoutMember(tar, layer), maxBuffer: 1 << 30 });
}

/** The packages of a lock file of one architecture: `name=version`, sorted. */
export function lockedPackages(lock: string, arch = 'amd64'): string[] {
  const data = JSON.parse(readFileSync(lock, 'utf8')) as {
    architectures: Record<string, { name: string; version: string }[]>;
  };
  return data.architectures[arch]!.map((p) => `${p.name}=${p.version}`).sort();
}
