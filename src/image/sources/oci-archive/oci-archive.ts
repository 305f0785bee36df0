/** The `oci-archive:` source: a tar of an OCI image layout (`oci-archive:PATH[:TAG]`), read in place. */
import { InputError } from '../../../errors.js';
import { tarStore } from '../../tar/blob-store.js';
import { TarFormatError, indexTar } from '../../tar/tar-index.js';
import type { ImageSource } from '../../types.js';
import { resolveLayout } from '../oci-layout/resolve-layout.js';
import { detectKind, splitPathAndTag } from '../sniff.js';

export const ociArchiveSource: ImageSource = {
  name: 'oci-archive',
  detect: (reference) => detectKind(reference, 'oci-archive'),
  async open(reference, options) {
    const { path, tag } = await splitPathAndTag(reference);
    const index = await indexTar(path).catch((err: unknown) => {
      if (err instanceof TarFormatError)
        throw new InputError(`${path} is not a tar archive (${err.message}).`);
      throw new InputError(`${path} cannot be read (${(err as Error).message}).`);
    });
    return resolveLayout(tarStore(path, index), {
      reference,
      what: path,
      tag,
      platform: options.platform,
      close: async () => {},
    });
  },
};
