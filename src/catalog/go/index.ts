import { buildPurl } from '../purl.js';
import type { Cataloguer, Package } from '../types.js';
import { buildInfoBytes, readBuildInfo } from './buildinfo.js';
import { parseModInfo, type GoModule } from './modinfo.js';

const MIN_GO_BINARY = 512 * 1024;

/**
 * The Go cataloguer: the modules compiled into Go binaries, read from the build information the
 * linker writes into each one, plus the standard library at the toolchain's version (package
 * `stdlib`, the name the Go vulnerability database gives it). No path names a Go binary, so it
 * inspects every executable large enough to be one; the image reader keeps only the build
 * information of each.
 */
export const goCataloguer: Cataloguer = {
  name: 'go',
  wants: () => false,
  // the Go runtime alone makes a program over 1 MB (a stripped hello world built by Go 1.19: 1.2 MB),
  // so the many small executables of a distribution need not be kept even for a moment
  inspects: (_path, mode, size) => (mode & 0o111) !== 0 && size >= MIN_GO_BINARY,
  reduce: buildInfoBytes,
  async parse(path, content) {
    const raw = readBuildInfo(content);
    if (!raw) return { packages: [], warnings: [] };
    const info = parseModInfo(raw.modinfo);
    const arch = info.settings.get('GOARCH');
    const pkg = (module: GoModule): Package => {
      const used = effective(module);
      const slash = used.path.lastIndexOf('/');
      return {
        name: used.path,
        version: used.version,
        type: 'golang',
        purl: buildPurl({
          type: 'golang',
          namespace: slash > 0 ? used.path.slice(0, slash) : undefined,
          name: used.path.slice(slash + 1),
          version: used.version,
        }),
        arch,
        licenses: [],
        locations: [path],
        foundBy: 'go',
      };
    };
    const packages = [...(info.main ? [info.main] : []), ...info.deps].map(pkg);
    const stdlib = stdlibVersion(raw.goVersion);
    if (stdlib)
      packages.push({
        name: 'stdlib',
        version: stdlib,
        type: 'golang',
        purl: buildPurl({ type: 'golang', name: 'stdlib', version: stdlib }),
        arch,
        licenses: ['BSD-3-Clause'],
        locations: [path],
        foundBy: 'go',
      });
    return { packages, warnings: [] };
  },
};

/**
 * The module whose code is in the binary: a replacement by another module is that module; a
 * replacement by a local directory is a copy of unknown version under the required path.
 */
function effective(module: GoModule): GoModule {
  const replace = module.replace;
  if (!replace) return module;
  const local = replace.path.startsWith('.') || replace.path.startsWith('/');
  return local ? { path: module.path, version: '(devel)' } : replace;
}

/**
 * The toolchain version as a Go module version (`go1.21.5` → `v1.21.5`, `go1.21` → `v1.21.0`,
 * `go1.21rc2` → `v1.21.0-rc.2`), the form the Go vulnerability database compares; undefined
 * for a development toolchain, whose version is not a release.
 */
export function stdlibVersion(goVersion: string): string | undefined {
  const m = /^go(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?(?=$|[\s+-])/.exec(goVersion);
  if (!m) return undefined;
  const [, major, minor, patch, pre, preNumber] = m;
  return `v${major}.${minor}.${patch ?? '0'}${pre ? `-${pre}.${preNumber}` : ''}`;
}
