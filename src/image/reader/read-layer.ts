/**
 * One layer on its own as a FileView: what that layer wrote, with its whiteout entries applied to
 * nothing. Useful to show what a layer adds; the catalog reads the squashed view instead.
 */
import type { Warning } from '../../errors.js';
import type { FileView } from '../file-view.js';
import type { KeepFile, ResolvedImage } from '../types.js';
import { SquashedView } from '../view/squashed-view.js';
import { applyLayerEntries, type ApplyState } from './apply-layer.js';
import { DEFAULT_MAX_LAYER_BYTES, layerLabel, type ReadOptions } from './read-image.js';
import { createTree } from './squash-tree.js';
import { streamLayer } from './stream-layer.js';

/** Reads layer `index` of an image alone, keeping of each file what `wants` says. */
export async function readLayer(
  image: ResolvedImage,
  index: number,
  wants: KeepFile,
  options: ReadOptions = {},
): Promise<{ view: FileView; warnings: Warning[] }> {
  const layer = image.layers[index];
  if (layer === undefined) throw new RangeError(`${image.reference} has no layer ${index}`);
  const warnings: Warning[] = [];
  // Only this layer's diff id is named: every node of the view belongs to it.
  const diffIds = image.layers.map((l, i) => (i === index ? l.diffId : ''));
  const state: ApplyState = {
    tree: createTree(),
    wants,
    diffIds,
    versions: new Map(),
    wantedLinks: new Set(),
    pending: [],
    lenientLinks: warnings,
  };
  const label = layerLabel(image, index);
  await streamLayer(
    layer,
    { label, maxBytes: options.maxLayerBytes ?? DEFAULT_MAX_LAYER_BYTES, verify: true },
    applyLayerEntries(state, index, label),
  );
  return { view: new SquashedView(state.tree, diffIds, state.versions), warnings };
}
