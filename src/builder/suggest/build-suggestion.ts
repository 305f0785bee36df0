/**
 * The build step of suggest: writes `cleanroom.yaml` (image-file-text.ts) and the application
 * layer into the output folder and builds the image with the builder, the application layer on
 * top of the packages' layer.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readAptSources } from '../apt-sources.js';
import { buildImage, type BuildProgress } from '../build-image.js';
import { buildCacheDir } from '../download-cache.js';
import { parseImageFile } from '../image-file.js';
import type { Resolution } from '../resolve.js';
import { writeTar } from '../tar-write.js';
import type { AnalysedOriginal } from './analyse-original.js';
import { imageFileText, repositoriesForSuite } from './image-file-text.js';
import type { Suggestion } from './suggestion-types.js';

/** What the build wrote, and the closure it resolved for the image's architecture. */
export interface BuiltSuggestion {
  files: Suggestion['files'];
  closure: Resolution;
}

/** Writes the image file and the application layer into `output` and builds the image. */
export async function buildSuggestion(
  source: string,
  original: AnalysedOriginal,
  output: string,
  options: { cacheDir?: string; aptDir?: string; onBuildProgress?: (p: BuildProgress) => void },
): Promise<BuiltSuggestion> {
  const { analysis, layer, suite, arch } = original;
  await mkdir(output, { recursive: true });
  const files = {
    imageFile: join(output, 'cleanroom.yaml'),
    applicationLayer: join(output, 'application.tar'),
    image: join(output, 'image.oci.tar'),
    sbom: join(output, 'image.oci.cdx.json'),
  };
  const repositories = repositoriesForSuite(await readAptSources(options.aptDir), suite);
  const text = imageFileText(analysis, source, suite, arch, repositories);
  const image = parseImageFile(text, files.imageFile);
  await writeFile(files.imageFile, text);
  await writeFile(files.applicationLayer, writeTar(layer.entries, 0));
  for (const f of [files.image, files.sbom]) if (existsSync(f)) await rm(f);
  const built = await buildImage(image, {
    file: files.imageFile,
    output: files.image,
    cacheDir: options.cacheDir ?? buildCacheDir(),
    aptDir: options.aptDir,
    onProgress: options.onBuildProgress,
    appLayer: { entries: layer.entries, createdBy: `cleanroom suggest: the application files of ${source}` },
  });
  return { files, closure: built.resolution.closures.get(arch)! };
}
