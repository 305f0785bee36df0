import { buildPurl } from '../purl.js';
import type { Cataloguer } from '../types.js';
import { parseCoreMetadata } from './core-metadata.js';

// installed distributions: wheels' dist-info, setuptools' egg-info folder or single file
const WANTED = [/\.dist-info\/METADATA$/, /\.egg-info\/PKG-INFO$/, /\.egg-info$/];

/** The Python cataloguer: installed distributions' core metadata files. */
export const pythonCataloguer: Cataloguer = {
  name: 'python',
  wants: (path) => WANTED.some((re) => re.test(path)),
  async parse(path, content) {
    const meta = parseCoreMetadata(content.toString('utf8'));
    if (typeof meta === 'string') return { packages: [], warnings: [{ source: path, message: meta }] };
    return {
      packages: [
        {
          name: meta.name,
          version: meta.version,
          type: 'pypi',
          purl: buildPurl({ type: 'pypi', name: meta.name, version: meta.version }),
          licenses: meta.licenses,
          locations: [path],
          foundBy: 'python',
          metadata: { kind: 'python', summary: meta.summary, homePage: meta.homePage },
        },
      ],
      warnings: [],
    };
  },
};
