/**
 * `APP.deps.json`: the runtime dependency file the .NET SDK writes next to an application at build
 * and publish time, read by the host to find the assemblies to load
 * (https://github.com/dotnet/sdk/blob/main/documentation/specs/runtime-configuration-file.md). Its
 * `libraries` map names every dependency as `Name/Version` with a `type`:
 * - `package`: a NuGet package restored from a feed (`sha512`, and `path` inside the package cache);
 * - `runtimepack`: in a self-contained app, the .NET runtime itself, named
 *   `runtimepack.<NuGet id of the runtime pack>` (`runtimepack.Microsoft.NETCore.App.Runtime.linux-x64`);
 * - `project`: the application or a project it references, built from source in the same solution;
 * - `reference` / `referenceassembly`: a plain DLL the project referenced by path, with no NuGet id.
 * `targets[runtimeTarget.name]` repeats the same keys with the assets each one contributes.
 */
import { z } from 'zod';

export interface DotnetLibrary {
  /** the NuGet id, as written (ids compare case-insensitively, so the case is kept, not folded) */
  name: string;
  version: string;
  /** `package` or `runtimepack` */
  kind: 'package' | 'runtimepack';
}

const RUNTIME_PACK_PREFIX = 'runtimepack.';

// each library: only `type` matters here, and an odd value of it costs that library alone
const library = z.object({ type: z.string().optional().catch(undefined) }).loose();
const depsFile = z.object({ libraries: z.record(z.string(), z.unknown()) }).loose();

/**
 * The NuGet packages a parsed deps.json names, or why it names none. `project` entries are the
 * application and its sibling projects, built from the image's own source: no feed publishes them,
 * so no advisory can name them, and listing the app as its own dependency would only add noise.
 * `reference` entries have no NuGet identity at all. Runtime packs are kept under the NuGet id of
 * the pack, which is the name advisories use for the runtime a self-contained app carries
 * (GHSA-rh58-r7jh-xhx3 lists NuGet `Microsoft.NETCore.App.Runtime.linux-x64`, fixed in 5.0.9).
 */
export function readDepsJson(json: unknown): { libraries: DotnetLibrary[]; skipped: number } | string {
  const parsed = depsFile.safeParse(json);
  if (!parsed.success) return 'has no libraries map';
  const libraries: DotnetLibrary[] = [];
  let skipped = 0;
  for (const [key, value] of Object.entries(parsed.data.libraries)) {
    const type = library.safeParse(value).data?.type;
    if (type !== 'package' && type !== 'runtimepack') continue;
    const identity = splitIdentity(key);
    if (!identity) {
      skipped++;
      continue;
    }
    const name =
      type === 'runtimepack' && identity.name.startsWith(RUNTIME_PACK_PREFIX)
        ? identity.name.slice(RUNTIME_PACK_PREFIX.length)
        : identity.name;
    libraries.push({ name, version: identity.version, kind: type });
  }
  return { libraries, skipped };
}

// `Newtonsoft.Json/13.0.3`: NuGet ids and versions never hold a `/`, so there is exactly one
function splitIdentity(key: string): { name: string; version: string } | undefined {
  const parts = key.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { name: parts[0], version: parts[1] };
}
