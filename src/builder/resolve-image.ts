/**
 * From an image file to its verified closures, one per architecture: repositories, signed
 * indexes, resolution with the lock file's pins.
 */
import { InputError } from '../errors.js';
import { readAptSources } from './apt-sources.js';
import type { ImageFile } from './image-file.js';
import { lockPins, type LockFile } from './lock-file.js';
import { packageUniverse } from './package-universe.js';
import { repositoriesFor } from './repositories.js';
import { loadIndexes } from './repository.js';
import { releaseMajorVersion, type ReleaseFile } from './release.js';
import { resolveClosure, type Resolution } from './resolve.js';
import type { PackageRecord } from './packages-index.js';

/** The closures of an image file and what the suite's Release says of itself. */
export interface ImageResolution {
  closures: Map<string, Resolution>;
  /**
   * per architecture, the suite's `base-files`: read for the merged-/usr links it ships (trixie:
   * `/bin` → `usr/bin` …), never installed unless the closure asks for it
   */
  layout: Map<string, PackageRecord | undefined>;
  /** the Release of the image's own suite (the first repository serving it) */
  release?: ReleaseFile;
  versionId?: string;
}

/** What resolution needs besides the image file. */
export interface ResolveImageOptions {
  file: string;
  cacheDir: string;
  lock?: LockFile;
  /** the machine's apt configuration folder (tests point it elsewhere) */
  aptDir?: string;
  now?: Date;
  onStep?: (task: string) => void;
}

/** Resolves every architecture of an image file against its verified repositories. */
export async function resolveImage(image: ImageFile, options: ResolveImageOptions): Promise<ImageResolution> {
  const repos = repositoriesFor(
    image,
    image.repositories ? [] : await readAptSources(options.aptDir),
    options.file,
  );
  const closures = new Map<string, Resolution>();
  const layout = new Map<string, PackageRecord | undefined>();
  let release: ReleaseFile | undefined;
  for (const arch of image.architectures) {
    options.onStep?.(`indexes ${arch}`);
    const loaded = await loadIndexes(repos, arch, options.cacheDir, options.now);
    release ??= loaded.releases.find((r) => r.suite === image.suite)?.release;
    const declared = [...image.packages, ...(image.caCertificates ? ['ca-certificates'] : [])];
    const universe = packageUniverse(loaded.indexes, arch);
    layout.set(arch, universe.candidates('base-files')[0]);
    const resolution = resolveClosure(universe, declared, {
      pins: lockPins(options.lock, arch),
      exclude: new Set(image.exclude),
      leaves: new Set(image.caCertificates ? ['ca-certificates'] : []),
    });
    for (const locked of options.lock?.architectures[arch] ?? []) {
      const chosen = resolution.packages.find((p) => p.name === locked.name);
      if (chosen && chosen.version === locked.version && chosen.sha256 !== locked.sha256)
        throw new InputError(
          `${chosen.filename} has SHA256 ${chosen.sha256} in the signed index, not the ${locked.sha256} of the lock file`,
        );
    }
    closures.set(arch, resolution);
  }
  return { closures, layout, release, versionId: release ? releaseMajorVersion(release) : undefined };
}
