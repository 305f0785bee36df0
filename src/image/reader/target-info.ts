/** The TargetInfo of an opened source: what the SBOM says about the image it describes. */
import type { TargetInfo } from '../../catalog/types.js';
import type { OpenedSource, Platform } from '../types.js';

/** `os/arch[/variant]`. */
export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter((x) => x !== undefined && x !== '').join('/');
}

/** Describes an opened source for the SBOM's `target`. */
export function targetInfo(source: OpenedSource): TargetInfo {
  if (source.kind === 'folder') return { reference: source.reference, source: 'dir', tags: [], layers: [] };
  const createdBy = source.config.history.filter((h) => h.emptyLayer !== true).map((h) => h.createdBy);
  const target: TargetInfo = {
    reference: source.reference,
    source: source.source ?? 'image',
    tags: [...source.tags],
    sizeBytes: source.sizeBytes,
    layers: source.layers.map((layer, i) => {
      const entry: TargetInfo['layers'][number] = {
        digest: layer.descriptor.digest,
        diffId: layer.diffId,
        size: layer.descriptor.size,
        mediaType: layer.descriptor.mediaType,
      };
      const by = createdBy[i];
      if (by !== undefined) entry.createdBy = by;
      return entry;
    }),
  };
  if (source.digest !== undefined) target.digest = source.digest;
  if (source.config.created !== undefined) target.created = source.config.created;
  const platform =
    source.platform ??
    (source.config.os !== undefined && source.config.architecture !== undefined
      ? { os: source.config.os, architecture: source.config.architecture, variant: source.config.variant }
      : undefined);
  if (platform !== undefined) target.platform = formatPlatform(platform);
  return target;
}
