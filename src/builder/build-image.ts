/**
 * `cleanroom build`: an image file in, a minimal OCI image out (with its CycloneDX SBOM beside
 * it): resolve, fetch and verify, assemble a reproducible root, write. Nothing is written until
 * every file has been verified and the image is complete.
 */
import type { ImageFile } from './image-file.js';
import { buildCacheDir } from './download-cache.js';
import { fetchPackages } from './fetch-packages.js';
import { lockText, readLockFile } from './lock-file.js';
import { layoutFiles, platformImage, type PlatformImage } from './oci-image.js';
import { resolveImage, type ImageResolution } from './resolve-image.js';
import { assembleRoot } from './rootfs.js';
import type { Account } from './system-files.js';
import { writeTar, type TarEntry } from './tar-write.js';
import { checkOutput, commitOutput, writeLayoutTemp } from './write-layout.js';
import { writeSbomTemp } from './write-sbom.js';
import { writeFileAtomic } from '../cli/output.js';

/** A step of a build, for a progress bar. */
export interface BuildProgress {
  task: string;
  done: number;
  total?: number;
}

/** Everything a build needs besides the image file. */
export interface BuildOptions {
  /** the image file's path, for messages */
  file: string;
  output: string;
  lock?: string;
  cacheDir?: string;
  aptDir?: string;
  /** seconds since the epoch for every mtime and `created`; default: SOURCE_DATE_EPOCH, else the newest package */
  sourceDateEpoch?: number;
  /** entries of a layer laid over the root (cleanroom suggest: the application's files) */
  appLayer?: { entries: TarEntry[]; createdBy: string };
  onProgress?: (progress: BuildProgress) => void;
}

/** What a build made. */
export interface BuildResult {
  output: string;
  sbom: string;
  /** the manifest digest of each architecture */
  digests: Map<string, string>;
  resolution: ImageResolution;
}

/** The account of an image file, defaults applied. */
export function accountOf(image: ImageFile): Account {
  const a = image.account;
  return {
    user: a.user,
    group: a.group ?? a.user,
    uid: a.uid,
    gid: a.gid ?? a.uid,
    home: a.home ?? `/home/${a.user}`,
  };
}

/** Builds the image an image file describes. */
export async function buildImage(image: ImageFile, options: BuildOptions): Promise<BuildResult> {
  await checkOutput(options.output);
  const cacheDir = options.cacheDir ?? buildCacheDir();
  const lock = options.lock ? await readLockFile(options.lock) : undefined;
  const progress = options.onProgress ?? (() => {});
  const resolution = await resolveImage(image, {
    file: options.file,
    cacheDir,
    lock,
    aptDir: options.aptDir,
    onStep: (task) => progress({ task, done: 0 }),
  });
  const account = accountOf(image);
  const images: PlatformImage[] = [];
  let epoch = options.sourceDateEpoch;
  for (const [arch, closure] of resolution.closures) {
    let done = 0;
    const total = closure.packages.length;
    const debs = await fetchPackages(closure.packages, cacheDir, () =>
      progress({ task: `packages ${arch}`, done: ++done, total }),
    );
    epoch ??= Math.max(...debs.map((d) => d.deb.builtAt));
    const baseFiles = resolution.layout.get(arch);
    const layout = baseFiles
      ? (debs.find((d) => d.name === 'base-files')?.deb ??
        (await fetchPackages([baseFiles], cacheDir))[0]!.deb)
      : undefined;
    progress({ task: `root ${arch}`, done: total, total });
    const entries = assembleRoot(debs, {
      account,
      distro: {
        id: 'debian',
        name: 'Debian GNU/Linux',
        versionId: resolution.versionId,
        codename: image.suite,
      },
      keepDocs: image.keepDocs,
      caBundle: image.caCertificates,
      layout,
    });
    const env = {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      ...(image.caCertificates ? { SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt' } : {}),
      ...image.env,
    };
    progress({ task: `layer ${arch}`, done: total, total });
    images.push(
      await platformImage(
        writeTar(entries, epoch),
        arch,
        {
          user: `${account.uid}:${account.gid}`,
          env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
          entrypoint: image.entrypoint,
          cmd: image.cmd,
          workdir: image.workdir,
          labels: image.labels,
        },
        new Date(epoch * 1000).toISOString(),
        `cleanroom build: ${closure.packages.map((p) => p.name).join(' ')}`,
        options.appLayer
          ? [{ tar: writeTar(options.appLayer.entries, epoch), createdBy: options.appLayer.createdBy }]
          : [],
      ),
    );
  }
  const created = new Date((epoch ?? 0) * 1000);
  progress({ task: 'writing the layout and its SBOM', done: 0, total: 1 });
  const temp = await writeLayoutTemp(options.output, layoutFiles(images, 'latest'), epoch ?? 0);
  const first = images[0]!.platform;
  const platform = [first.os, first.architecture, first.variant].filter(Boolean).join('/');
  const sbom = await writeSbomTemp(temp, options.output, created, platform);
  await commitOutput(temp, options.output);
  await commitOutput(sbom.temp, sbom.path);
  if (options.lock) {
    const closures = new Map([...resolution.closures].map(([arch, r]) => [arch, r.packages]));
    await writeFileAtomic(options.lock, lockText(image.suite, closures));
  }
  return {
    output: options.output,
    sbom: sbom.path,
    digests: new Map(images.map((i, n) => [image.architectures[n]!, i.manifest.digest])),
    resolution,
  };
}
