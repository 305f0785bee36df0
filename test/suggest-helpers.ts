/** Helpers of the `cleanroom suggest` tests: real Debian images with an application layer added. */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { canBuild, isRoot } from './build-helpers.js';
import { fixturesDir } from './fixtures.js';

export const makeDebianImage = resolve(fixturesDir(), '..', 'scripts', 'make-debian-image.sh');
/** mmdebstrap, umoci and root: what make-debian-image.sh and the checks under chroot need. */
export const canSuggest =
  canBuild &&
  isRoot &&
  existsSync(makeDebianImage) &&
  ['mmdebstrap', 'umoci'].every((t) => spawnSync('which', [t]).status === 0);

/** Builds a Debian image with make-debian-image.sh into `dir` (its `oci/` layout). */
export function debianImage(dir: string, suite: string, packages: string): void {
  execFileSync('bash', [makeDebianImage, dir, suite, packages], { stdio: 'pipe', timeout: 900_000 });
}

/**
 * Copies the layout of `base` (a make-debian-image.sh folder), adds `files` (a folder laid over
 * the root) as a new gzip layer, sets the config, and writes the layout as one tar at `out`.
 */
export function withApplication(
  base: string,
  files: string,
  out: string,
  config: { entrypoint?: string[]; cmd?: string[]; env?: string[]; user?: string; workdir?: string },
): string {
  const layout = `${out}.d`;
  rmSync(layout, { recursive: true, force: true });
  cpSync(join(base, 'oci'), layout, { recursive: true });
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const blobPath = (digest: string) => join(layout, 'blobs', 'sha256', digest.replace(/^sha256:/, ''));
  const putBlob = (b: Buffer) => {
    writeFileSync(blobPath(sha(b)), b);
    return { digest: `sha256:${sha(b)}`, size: b.length };
  };
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as {
    manifests: { digest: string; size: number }[];
  };
  const manifest = JSON.parse(readFileSync(blobPath(index.manifests[0]!.digest), 'utf8')) as {
    config: { digest: string; size: number };
    layers: { mediaType: string; digest: string; size: number }[];
  };
  const cfg = JSON.parse(readFileSync(blobPath(manifest.config.digest), 'utf8')) as {
    config: Record<string, unknown>;
    rootfs: { diff_ids: string[] };
    history?: unknown[];
  };
  const tar = execFileSync('tar', ['--sort=name', '--owner=0', '--group=0', '-C', files, '-c', '.'], {
    maxBuffer: 1 << 30,
  });
  const layer = putBlob(gzipSync(tar));
  manifest.layers.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer });
  cfg.rootfs.diff_ids.push(`sha256:${sha(tar)}`);
  cfg.history = [...(cfg.history ?? []), { created_by: 'test: the application layer' }];
  const c = { ...cfg.config };
  delete c.Cmd;
  if (config.entrypoint) c.Entrypoint = config.entrypoint;
  if (config.cmd) c.Cmd = config.cmd;
  if (config.env) c.Env = [...((c.Env as string[] | undefined) ?? []), ...config.env];
  if (config.user) c.User = config.user;
  if (config.workdir) c.WorkingDir = config.workdir;
  cfg.config = c;
  manifest.config = { ...manifest.config, ...putBlob(Buffer.from(JSON.stringify(cfg))) };
  index.manifests[0] = { ...index.manifests[0]!, ...putBlob(Buffer.from(JSON.stringify(manifest))) };
  writeFileSync(join(layout, 'index.json'), JSON.stringify(index));
  mkdirSync(resolve(out, '..'), { recursive: true });
  execFileSync('tar', ['--sort=name', '--owner=0', '--group=0', '-cf', out, '-C', layout, '.'], {
    stdio: 'pipe',
  });
  rmSync(layout, { recursive: true, force: true });
  return out;
}
