/** The `dir:` source: a plain root folder (an unpacked image or a mounted root file system). */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../../../errors.js';
import type { ImageSource } from '../../types.js';
import { isKind } from '../sniff.js';

export const rootFolderSource: ImageSource = {
  name: 'dir',
  detect: (reference) => isKind(reference, 'dir'),
  async open(reference) {
    const st = await stat(reference).catch(() => undefined);
    if (st === undefined) throw new InputError(`${reference} does not exist.`);
    if (!st.isDirectory()) throw new InputError(`${reference} is not a folder.`);
    return { kind: 'folder', reference, path: resolve(reference), close: async () => {} };
  },
};
