/** `cleanroom build --explain PACKAGE`: resolve only, and say why a package is (or is not) in. */
import { InputError } from '../errors.js';
import { buildCacheDir } from './download-cache.js';
import { explainPackage } from './explain.js';
import type { ImageFile } from './image-file.js';
import { readLockFile } from './lock-file.js';
import { resolveImage } from './resolve-image.js';

/** The explanation text for every architecture of the image file. */
export async function explainImagePackage(
  image: ImageFile,
  file: string,
  name: string,
  lockPath?: string,
): Promise<string> {
  if (image.exclude.includes(name))
    throw new InputError(
      `${name} is in the exclude list of ${file}: dependencies on it count as met, and it is not installed`,
    );
  const lock = lockPath ? await readLockFile(lockPath) : undefined;
  const { closures } = await resolveImage(image, { file, cacheDir: buildCacheDir(), lock });
  const out: string[] = [];
  for (const [arch, closure] of closures) {
    const lines = explainPackage(name, closure.reasons);
    if (!lines) throw new InputError(`${name} is not in the closure of ${file} for ${arch}`);
    const version = closure.packages.find((p) => p.name === name)?.version;
    out.push(`${name} ${version} (${arch}):`, ...lines.map((l) => `  ${l}`));
  }
  return out.join('\n');
}
