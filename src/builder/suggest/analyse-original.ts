/**
 * The analysis step of suggest: opens the original, reads its inventory and dpkg database (the
 * first read), refuses an image that is not Debian-based, then reads the bytes of the files no
 * package owns and analyses what its program needs (analyse.ts).
 */
import { catalogView, wantsAny } from '../../catalog/index.js';
import type { Inventory } from '../../catalog/types.js';
import { openSource, readImage } from '../../image/index.js';
import type { ImageConfig, OpenedSource } from '../../image/types.js';
import type { TarEntry } from '../tar-write.js';
import { analyse } from './analyse.js';
import type { Analysis } from './analysis-types.js';
import { withApplicationBytes } from './application-bytes.js';
import { applicationLayer } from './application-layer.js';
import { ownersOf, wantedAlways, wantedFirst } from './dpkg-owners.js';
import { debianArch, supportedSuite, TRIPLETS } from './supported-suite.js';

/** The original as the analysis saw it. */
export interface AnalysedOriginal {
  inventory: Inventory;
  analysis: Analysis;
  layer: { entries: TarEntry[]; bytes: number };
  suite: string;
  arch: string;
  /** compressed size (config and layer blobs); none for a plain folder */
  sizeBytes?: number;
}

/** Reads and analyses the original; `step` is called as each part ends (inventory, read, analysis). */
export async function analyseOriginal(
  source: string,
  options: { platform?: string; plainHttp?: boolean },
  step: (name: string) => void,
): Promise<AnalysedOriginal> {
  const opened: OpenedSource = await openSource(source, {
    platform: options.platform,
    plainHttp: options.plainHttp,
  });
  try {
    // a plain folder has no config: nothing says what it runs, and its size is not a compressed one
    const config: ImageConfig =
      opened.kind === 'image' ? opened.config : { diffIds: [], history: [], env: [], labels: {} };
    const arch = debianArch(config.architecture);
    const sizeBytes = opened.kind === 'image' ? opened.sizeBytes : undefined;
    // first read: the inventory and the dpkg database
    const first = await readImage(opened, (path, mode, size) =>
      wantedFirst(path) || wantedAlways(path) ? true : wantsAny(path, mode, size),
    );
    const catalogued = await catalogView(first.view, first.target);
    const inventory = { ...catalogued, warnings: [...first.warnings, ...catalogued.warnings] };
    const suite = supportedSuite(source, inventory);
    const owners = await ownersOf(first.view);
    step('inventory');
    // then the bytes of the files no package owns, from the layers that wrote them
    const view = await withApplicationBytes(opened, first.view, owners);
    step('read');
    const installed = new Map(
      inventory.packages.filter((p) => p.type === 'deb').map((p) => [p.name, p.version] as const),
    );
    const analysis = await analyse({ view, owners, config, installed, triplet: TRIPLETS[arch] ?? '' });
    const layer = await applicationLayer(view, analysis);
    step('analysis');
    return { inventory, analysis, layer, suite, arch, sizeBytes };
  } finally {
    await opened.close();
  }
}
