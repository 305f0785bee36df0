/** The library's `sbom()`: one image reference in, its package inventory out. */
import type { Inventory } from './catalog/types.js';
import { catalogView, wantsAny } from './catalog/index.js';
import { openSource, readImage } from './image/index.js';
import type { OpenOptions } from './image/types.js';

export type SbomOptions = Pick<
  OpenOptions,
  'platform' | 'maxLayerBytes' | 'plainHttp' | 'cacheDir' | 'cacheMaxBytes' | 'onProgress'
>;

/**
 * The inventory of an image (archive, OCI layout, registry reference or root folder): open the
 * source, stream its layers keeping only the files cataloguers want, catalogue the squashed view.
 * Whatever the source holds open is released, also when reading fails.
 */
export async function sbom(reference: string, options: SbomOptions = {}): Promise<Inventory> {
  const source = await openSource(reference, options);
  try {
    const read = await readImage(source, wantsAny, options);
    const inventory = await catalogView(read.view, read.target);
    return { ...inventory, warnings: [...read.warnings, ...inventory.warnings] };
  } finally {
    await source.close();
  }
}
