/** The `oci-dir:` source: an OCI image layout folder (`oci-dir:PATH[:TAG]`). */
import { InputError } from '../../../errors.js';
import { folderStore } from '../../tar/blob-store.js';
import type { ImageSource } from '../../types.js';
import { resolveLayout } from '../oci-layout/resolve-layout.js';
import { detectKind, isKind, splitPathAndTag } from '../sniff.js';

export const ociDirSource: ImageSource = {
  name: 'oci-dir',
  detect: (reference) => detectKind(reference, 'oci-dir'),
  async open(reference, options) {
    const { path, tag } = await splitPathAndTag(reference);
    if (!(await isKind(path, 'oci-dir')))
      throw new InputError(`${path} is not an OCI image layout folder: no oci-layout file found.`);
    const image = await resolveLayout(folderStore(path), {
      reference,
      what: path,
      tag,
      platform: options.platform,
      close: async () => {},
    });
    return image;
  },
};
