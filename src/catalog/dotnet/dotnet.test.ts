import { describe, expect, it } from 'vitest';
import { memoryView } from '../__fixtures__/memory-view.js';
import { webAppDeps } from './__fixtures__/web-app-deps.js';
import { dotnetCataloguer } from './index.js';

const ctx = { view: memoryView([]) };
const PATH = '/app/MyWebApp.deps.json';
const parse = (json: unknown) => dotnetCataloguer.parse(PATH, Buffer.from(JSON.stringify(json)), ctx);

describe('dotnet cataloguer', () => {
  it('lists the NuGet packages and runtime packs of a published app, not its own projects', async () => {
    const { packages, warnings } = await parse(webAppDeps);
    expect(warnings).toEqual([]);
    // what the fixture wrote: four `package` libraries and two runtime packs under their NuGet ids;
    // the two `project` entries and the `reference` DLL are left out
    expect(packages.map((p) => [p.name, p.version, p.purl]).sort()).toEqual(
      [
        [
          'Microsoft.AspNetCore.App.Runtime.linux-x64',
          '8.0.0',
          'pkg:nuget/Microsoft.AspNetCore.App.Runtime.linux-x64@8.0.0',
        ],
        [
          'Microsoft.Extensions.Caching.Abstractions',
          '8.0.0',
          'pkg:nuget/Microsoft.Extensions.Caching.Abstractions@8.0.0',
        ],
        [
          'Microsoft.Extensions.Caching.Memory',
          '8.0.0',
          'pkg:nuget/Microsoft.Extensions.Caching.Memory@8.0.0',
        ],
        ['Microsoft.Extensions.Primitives', '8.0.0', 'pkg:nuget/Microsoft.Extensions.Primitives@8.0.0'],
        [
          'Microsoft.NETCore.App.Runtime.linux-x64',
          '8.0.0',
          'pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@8.0.0',
        ],
        ['Newtonsoft.Json', '13.0.3', 'pkg:nuget/Newtonsoft.Json@13.0.3'],
      ].sort(),
    );
    for (const p of packages) {
      expect(p).toMatchObject({ type: 'nuget', foundBy: 'dotnet', locations: [PATH], licenses: [] });
    }
  });

  it('reads a file that starts with a byte-order mark', async () => {
    const bytes = Buffer.from(`\uFEFF${JSON.stringify(webAppDeps)}`);
    const { packages, warnings } = await dotnetCataloguer.parse(PATH, bytes, ctx);
    expect(warnings).toEqual([]);
    expect(packages.map((p) => p.name)).toContain('Newtonsoft.Json');
  });

  it('keeps the other libraries when one entry is odd, and says which keys it could not read', async () => {
    const { packages, warnings } = await parse({
      libraries: {
        'Newtonsoft.Json/13.0.3': { type: 'package', sha512: 42, path: ['odd'] },
        'Serilog/3.1.1': null,
        'Polly/8.2.0': { type: 7 },
        NoVersion: { type: 'package' },
        'Too/Many/Parts': { type: 'package' },
      },
    });
    expect(packages.map((p) => p.name)).toEqual(['Newtonsoft.Json']);
    expect(warnings).toEqual([
      { source: PATH, message: 'skipped 2 library key(s) not of the form Name/Version' },
    ]);
  });

  it('turns garbage, empty and odd files into warnings, never a throw', async () => {
    for (const content of ['', '{"libraries": {', '\0\xff garbage']) {
      const result = await dotnetCataloguer.parse(PATH, Buffer.from(content), ctx);
      expect(result.packages).toEqual([]);
      expect(result.warnings[0]!.message).toMatch(/^is not JSON: /);
    }
    for (const json of [{}, { libraries: [] }, { libraries: 'x' }, null, [1, 2], 'text']) {
      expect(await parse(json)).toEqual({
        packages: [],
        warnings: [{ source: PATH, message: 'has no libraries map' }],
      });
    }
    expect(await parse({ runtimeTarget: { name: 'x' }, libraries: {} })).toEqual({
      packages: [],
      warnings: [],
    });
  });

  it('wants deps.json files and nothing else', () => {
    expect(dotnetCataloguer.wants(PATH)).toBe(true);
    expect(
      dotnetCataloguer.wants(
        '/usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.0/Microsoft.NETCore.App.deps.json',
      ),
    ).toBe(true);
    expect(dotnetCataloguer.wants('/app/MyWebApp.runtimeconfig.json')).toBe(false);
    expect(dotnetCataloguer.wants('/app/deps.json.bak')).toBe(false);
    expect(dotnetCataloguer.wants('/app/MyWebApp.dll')).toBe(false);
  });
});
