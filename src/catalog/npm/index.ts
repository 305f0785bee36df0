import { readJsonFile } from '../json-file.js';
import { buildPurl } from '../purl.js';
import type { Cataloguer } from '../types.js';

// only a package's own manifest: node_modules/NAME/package.json or node_modules/@SCOPE/NAME/…,
// not the project's root package.json nor files deeper inside a package
const WANTED = /\/node_modules\/(?:@[^/]+\/)?[^/@][^/]*\/package\.json$/;

/** The npm cataloguer: installed packages' `package.json` under `node_modules`. */
export const npmCataloguer: Cataloguer = {
  name: 'npm',
  wants: (path) => WANTED.test(path),
  async parse(path, content) {
    const read = readJsonFile(path, content);
    if ('warning' in read) return { packages: [], warnings: [read.warning] };
    // its checks (zod) load only when an image has npm packages
    const { manifest } = await import('./manifest.js');
    const parsed = manifest.safeParse(read.json);
    if (!parsed.success)
      return { packages: [], warnings: [{ source: path, message: 'has no name or version string' }] };
    const pkg = parsed.data;
    const [namespace, name] =
      pkg.name.startsWith('@') && pkg.name.includes('/') ? pkg.name.split('/', 2) : [undefined, pkg.name];
    const licenses = [pkg.license, ...(pkg.licenses ?? [])]
      .map((entry) => (typeof entry === 'string' ? entry : entry?.type))
      .filter((entry): entry is string => !!entry);
    return {
      packages: [
        {
          name: pkg.name,
          version: pkg.version,
          type: 'npm',
          purl: buildPurl({ type: 'npm', namespace, name: name!, version: pkg.version }),
          licenses,
          locations: [path],
          foundBy: 'npm',
          metadata: { kind: 'npm', private: pkg.private, homepage: pkg.homepage },
        },
      ],
      warnings: [],
    };
  },
};
