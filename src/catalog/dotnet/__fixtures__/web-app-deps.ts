/**
 * A deps.json shaped like the one `dotnet publish -c Release -r linux-x64 --self-contained` writes
 * for a small ASP.NET Core 8 app (MyWebApp) that uses Newtonsoft.Json, an in-memory cache, and a
 * sibling data project, plus a DLL referenced by path. Hand-written after the format's spec
 * (dotnet/sdk documentation/specs/runtime-configuration-file.md): runtime target, per-target assets,
 * and the `libraries` map; hashes are placeholders of the right form.
 */
const TARGET = '.NETCoreApp,Version=v8.0/linux-x64';
const sha = (seed: string) => `sha512-${Buffer.alloc(64, seed).toString('base64')}`;
const pkg = (id: string, version: string) => ({
  type: 'package',
  serviceable: true,
  sha512: sha(id),
  path: `${id.toLowerCase()}/${version}`,
  hashPath: `${id.toLowerCase()}.${version}.nupkg.sha512`,
});
const dll = (file: string, assemblyVersion: string, fileVersion: string) => ({
  runtime: { [file]: { assemblyVersion, fileVersion } },
});

export const webAppDeps = {
  runtimeTarget: { name: TARGET, signature: '' },
  compilationOptions: {},
  targets: {
    '.NETCoreApp,Version=v8.0': {},
    [TARGET]: {
      'MyWebApp/1.0.0': {
        dependencies: {
          'Microsoft.Extensions.Caching.Memory': '8.0.0',
          'MyWebApp.Data': '1.0.0',
          'Newtonsoft.Json': '13.0.3',
          'runtimepack.Microsoft.AspNetCore.App.Runtime.linux-x64': '8.0.0',
          'runtimepack.Microsoft.NETCore.App.Runtime.linux-x64': '8.0.0',
          'Legacy.Interop': '1.0.0.0',
        },
        runtime: { 'MyWebApp.dll': {} },
      },
      'runtimepack.Microsoft.AspNetCore.App.Runtime.linux-x64/8.0.0': {
        runtime: { 'Microsoft.AspNetCore.dll': { assemblyVersion: '8.0.0.0', fileVersion: '8.0.23.53112' } },
      },
      'runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/8.0.0': {
        runtime: {
          'System.Private.CoreLib.dll': { assemblyVersion: '8.0.0.0', fileVersion: '8.0.23.53103' },
        },
        native: { 'libcoreclr.so': { fileVersion: '0.0.0.0' } },
      },
      'Microsoft.Extensions.Caching.Abstractions/8.0.0': {
        dependencies: { 'Microsoft.Extensions.Primitives': '8.0.0' },
        ...dll('lib/net8.0/Microsoft.Extensions.Caching.Abstractions.dll', '8.0.0.0', '8.0.23.53103'),
      },
      'Microsoft.Extensions.Caching.Memory/8.0.0': {
        dependencies: {
          'Microsoft.Extensions.Caching.Abstractions': '8.0.0',
          'Microsoft.Extensions.Primitives': '8.0.0',
        },
        ...dll('lib/net8.0/Microsoft.Extensions.Caching.Memory.dll', '8.0.0.0', '8.0.23.53103'),
      },
      'Microsoft.Extensions.Primitives/8.0.0': {
        ...dll('lib/net8.0/Microsoft.Extensions.Primitives.dll', '8.0.0.0', '8.0.23.53103'),
      },
      'Newtonsoft.Json/13.0.3': {
        ...dll('lib/net6.0/Newtonsoft.Json.dll', '13.0.0.0', '13.0.3.27908'),
      },
      'MyWebApp.Data/1.0.0': { runtime: { 'MyWebApp.Data.dll': {} } },
      'Legacy.Interop/1.0.0.0': { runtime: { 'Legacy.Interop.dll': {} } },
    },
  },
  libraries: {
    'MyWebApp/1.0.0': { type: 'project', serviceable: false, sha512: '' },
    'runtimepack.Microsoft.AspNetCore.App.Runtime.linux-x64/8.0.0': {
      type: 'runtimepack',
      serviceable: false,
      sha512: '',
    },
    'runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/8.0.0': {
      type: 'runtimepack',
      serviceable: false,
      sha512: '',
    },
    'Microsoft.Extensions.Caching.Abstractions/8.0.0': pkg(
      'Microsoft.Extensions.Caching.Abstractions',
      '8.0.0',
    ),
    'Microsoft.Extensions.Caching.Memory/8.0.0': pkg('Microsoft.Extensions.Caching.Memory', '8.0.0'),
    'Microsoft.Extensions.Primitives/8.0.0': pkg('Microsoft.Extensions.Primitives', '8.0.0'),
    'Newtonsoft.Json/13.0.3': pkg('Newtonsoft.Json', '13.0.3'),
    'MyWebApp.Data/1.0.0': { type: 'project', serviceable: false, sha512: '' },
    'Legacy.Interop/1.0.0.0': { type: 'reference', serviceable: false, sha512: '' },
  },
};
