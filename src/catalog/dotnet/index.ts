import type { Warning } from '../../errors.js';
import { readJsonFile } from '../json-file.js';
import { buildPurl } from '../purl.js';
import type { Cataloguer } from '../types.js';

// APP.deps.json beside a built or published app (/app/MyApp.deps.json), and the shared
// frameworks' own (/usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.0/Microsoft.NETCore.App.deps.json)
const WANTED = /\/[^/]+\.deps\.json$/;

/** The .NET cataloguer: the NuGet packages an application's `*.deps.json` says it runs with. */
export const dotnetCataloguer: Cataloguer = {
  name: 'dotnet',
  wants: (path) => WANTED.test(path),
  async parse(path, content) {
    const file = readJsonFile(path, content);
    if ('warning' in file) return { packages: [], warnings: [file.warning] };
    // its checks (zod) load only when an image has such a file
    const { readDepsJson } = await import('./deps-json.js');
    const read = readDepsJson(file.json);
    if (typeof read === 'string') return { packages: [], warnings: [{ source: path, message: read }] };
    const warnings: Warning[] =
      read.skipped > 0
        ? [{ source: path, message: `skipped ${read.skipped} library key(s) not of the form Name/Version` }]
        : [];
    const packages = read.libraries.map(({ name, version }) => ({
      name,
      version,
      type: 'nuget' as const,
      purl: buildPurl({ type: 'nuget', name, version }),
      licenses: [], // deps.json names no licence; the .nuspec in the package cache is not in an image
      locations: [path],
      foundBy: 'dotnet',
    }));
    return { packages, warnings };
  },
};
