/**
 * The layer reader: streams every layer of an image once, in order, into the squashed tree, and
 * returns the file view, the target description and the warnings. It accepts any ResolvedImage,
 * whatever its source. Memory stays small: only wanted files keep their bytes.
 */
import { availableParallelism } from 'node:os';
import type { TargetInfo } from '../../catalog/types.js';
import type { Warning } from '../../errors.js';
import type { FileView } from '../file-view.js';
import type { KeepFile, OpenOptions, OpenedSource, ResolvedImage } from '../types.js';
import { FolderView } from '../view/folder-view.js';
import { SquashedView } from '../view/squashed-view.js';
import {
  applyLayerEntries,
  recordLayerEntries,
  replayLayer,
  type ApplyState,
  type PendingContent,
  type RecordedLayer,
} from './apply-layer.js';
import { createTree, findNode } from './squash-tree.js';
import { streamLayer } from './stream-layer.js';
import { targetInfo } from './target-info.js';
import { normalizeEntryName } from '../path/normalize-entry.js';

/** 8 GiB: larger than any sane layer, small enough to stop a decompression bomb. */
export const DEFAULT_MAX_LAYER_BYTES = 8 * 1024 ** 3;

/**
 * How many layers are read at once: the one being squashed and the next ones read ahead. Each
 * inflates on the libuv thread pool while the main thread hashes and parses, so on two cores a
 * many-layer image decompresses in less wall time than one thread would take. One layer in flight
 * per core (at least two, at most four): a third inflating layer on two cores adds no throughput,
 * only its buffers (peak RSS of the 6-layer bench image ~120-129 MB with 3, ~106-123 MB with 2).
 */
export const DEFAULT_LAYER_CONCURRENCY = Math.max(2, Math.min(4, availableParallelism()));

export type ReadOptions = Pick<OpenOptions, 'maxLayerBytes' | 'onProgress'> & {
  /** layers read at once (default DEFAULT_LAYER_CONCURRENCY; 1 reads them one after another) */
  layerConcurrency?: number;
};

export interface ImageRead {
  view: FileView;
  target: TargetInfo;
  warnings: Warning[];
}

/** Reads an opened source into a file view keeping of each file what `wants` says. */
export async function readImage(
  source: OpenedSource,
  wants: KeepFile,
  options: ReadOptions = {},
): Promise<ImageRead> {
  if (source.kind === 'folder')
    return { view: new FolderView(source.path), target: targetInfo(source), warnings: [] };
  const maxBytes = options.maxLayerBytes ?? DEFAULT_MAX_LAYER_BYTES;
  const state: ApplyState = {
    tree: createTree(),
    wants,
    diffIds: source.layers.map((l) => l.diffId),
    versions: new Map(),
    wantedLinks: new Set(),
    pending: [],
  };
  const layers = source.layers;
  const concurrency = Math.max(1, options.layerConcurrency ?? DEFAULT_LAYER_CONCURRENCY);
  // layers after the first are recorded ahead of their turn, at most `concurrency - 1` of them
  const ahead = new Map<number, Promise<RecordedLayer>>();
  const readAhead = (i: number): void => {
    const layer = layers[i];
    if (layer === undefined || i === 0 || ahead.has(i)) return;
    const record: RecordedLayer = { entries: [] };
    const label = layerLabel(source, i);
    const read = streamLayer(
      layer,
      { label, maxBytes, verify: true },
      recordLayerEntries(wants, record, label),
    );
    const recorded = read.then(() => record);
    // awaited in order below; a later layer's failure waits its turn (or is moot after an earlier one)
    recorded.catch(() => undefined);
    ahead.set(i, recorded);
  };
  for (const [i, layer] of layers.entries()) {
    for (let j = i + 1; j < i + concurrency; j++) readAhead(j);
    const label = layerLabel(source, i);
    options.onProgress?.({ task: `reading ${label}`, done: i, total: layers.length });
    const recorded = ahead.get(i);
    if (recorded === undefined)
      await streamLayer(layer, { label, maxBytes, verify: true }, applyLayerEntries(state, i, label));
    else {
      ahead.delete(i);
      replayLayer(state, i, label, await recorded);
    }
  }
  options.onProgress?.({
    task: `read ${source.reference}`,
    done: source.layers.length,
    total: source.layers.length,
  });
  const view = new SquashedView(state.tree, state.diffIds, state.versions);
  const warnings: Warning[] = [];
  await fetchPending(source, state, view, maxBytes, warnings);
  return { view, target: targetInfo(source), warnings };
}

/** `layer sha256:… of IMAGE`: the subject of every layer error. */
export function layerLabel(image: ResolvedImage, index: number): string {
  return `layer ${image.layers[index]?.diffId ?? index} of ${image.reference}`;
}

/**
 * Wanted paths that are symlinks or hard links point at files whose bytes were not kept in the
 * first pass; re-read just the layers that wrote those targets (rare, and usually one small layer).
 */
async function fetchPending(
  image: ResolvedImage,
  state: ApplyState,
  view: SquashedView,
  maxBytes: number,
  warnings: Warning[],
): Promise<void> {
  const pending: PendingContent[] = [...state.pending];
  for (const link of state.wantedLinks) {
    const real = await view.realpath(link, true).catch(() => undefined);
    const node = real === undefined ? undefined : findNode(state.tree, real);
    if (real !== undefined && node?.type === 'file' && node.content === undefined)
      pending.push({ layer: node.layer, path: real, node });
  }
  const byLayer = new Map<number, PendingContent[]>();
  for (const p of pending) byLayer.set(p.layer, [...(byLayer.get(p.layer) ?? []), p]);
  for (const [index, wanted] of byLayer) {
    const layer = image.layers[index];
    if (layer === undefined) continue;
    const found = new Map<string, Buffer>();
    const paths = new Set(wanted.map((p) => p.path));
    await streamLayer(
      layer,
      { label: layerLabel(image, index), maxBytes, verify: false },
      {
        entry: (header) => {
          const name = normalizeEntryName(header.name);
          return 'path' in name && paths.has(name.path) && header.type === 'file';
        },
        content: (header, content) => {
          const name = normalizeEntryName(header.name);
          if ('path' in name) found.set(name.path, content);
        },
      },
    );
    for (const p of wanted) {
      const content = found.get(p.path);
      if (content === undefined)
        warnings.push({
          source: p.path,
          message: `could not find the content of ${p.path} in ${layerLabel(image, index)}`,
        });
      else {
        p.node.content = content;
        if (!state.versions.has(p.path)) state.versions.set(p.path, [{ layer: layer.diffId, content }]);
      }
    }
  }
}
