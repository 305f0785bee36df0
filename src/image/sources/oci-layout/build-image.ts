/** Assembling a ResolvedImage from checked parts, shared by the OCI layout and docker-archive readers. */
import type { Readable } from 'node:stream';
import { InputError } from '../../../errors.js';
import type { Descriptor, ImageConfig, Platform, ResolvedImage } from '../../types.js';

export interface ImageParts {
  reference: string;
  what: string;
  digest?: string;
  tags: string[];
  platform?: Platform;
  config: ImageConfig;
  configDigest: string;
  configSize: number;
  layers: { descriptor: Descriptor; open(): Readable }[];
  close(): Promise<void>;
}

/** A ResolvedImage whose layers are paired with the config's diff ids (counts must agree). */
export function buildImage(parts: ImageParts): ResolvedImage {
  if (parts.layers.length !== parts.config.diffIds.length) {
    throw new InputError(
      `${parts.what} has ${parts.layers.length} layers but its config lists ${parts.config.diffIds.length} diff ids.`,
    );
  }
  const image: ResolvedImage = {
    kind: 'image',
    reference: parts.reference,
    tags: parts.tags,
    config: parts.config,
    configDigest: parts.configDigest,
    layers: parts.layers.map((l, i) => ({
      descriptor: l.descriptor,
      diffId: parts.config.diffIds[i] as string,
      open: () => Promise.resolve(l.open()),
    })),
    sizeBytes: parts.configSize + parts.layers.reduce((n, l) => n + l.descriptor.size, 0),
    close: parts.close,
  };
  if (parts.digest !== undefined) image.digest = parts.digest;
  if (parts.platform !== undefined) image.platform = parts.platform;
  return image;
}
