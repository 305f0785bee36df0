import { describe, expect, it } from 'vitest';
import { memoryView } from './__fixtures__/memory-view.js';
import { writeZip } from './java/__fixtures__/stored-zip.js';
import { auditedElf } from './rust/__fixtures__/audited-elf.js';
import { cataloguers } from './registry.js';

/** Paths each cataloguer must want; a new cataloguer fails this test until it lists its own. */
const SAMPLES: Record<string, string[]> = {
  apk: ['/lib/apk/db/installed'],
  dpkg: ['/var/lib/dpkg/status', '/var/lib/dpkg/status.d/libc6'],
  rpm: ['/var/lib/rpm/Packages', '/var/lib/rpm/rpmdb.sqlite', '/usr/lib/sysimage/rpm/Packages.db'],
  python: [
    '/usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA',
    '/usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO',
    '/usr/lib/python3/dist-packages/six-1.16.0.egg-info',
  ],
  npm: ['/app/node_modules/left-pad/package.json', '/app/node_modules/@types/node/package.json'],
  gem: [
    '/usr/local/bundle/specifications/rack-3.0.8.gemspec',
    '/usr/local/lib/ruby/gems/3.3.0/specifications/default/json-2.7.1.gemspec',
  ],
  composer: ['/var/www/html/vendor/composer/installed.json', '/app/vendor/composer/installed.json'],
  dotnet: [
    '/app/MyWebApp.deps.json',
    '/usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.0/Microsoft.NETCore.App.deps.json',
  ],
  go: [], // Go binaries have no path of their own: see INSPECTED
  rust: [], // nor have Rust binaries
  java: [], // nor have jars: any archive name, see INSPECTED
};
/** Files that cataloguers without paths of their own (`inspects`) look inside, by path, mode and size. */
const INSPECTED: Record<string, [string, number, number][]> = {
  go: [['/usr/local/bin/app', 0o755, 2_000_000]],
  rust: [['/usr/local/bin/app', 0o755, 2_000_000]],
  java: [['/app/lib/x.jar', 0o644, 100_000]],
};
const UNRELATED = [
  '/etc/passwd',
  '/usr/bin/ls',
  '/app/package.json',
  '/lib/apk/db/scripts.tar',
  '/var/lib/dpkg/info/bash.list',
];
const GARBAGE = [Buffer.alloc(0), Buffer.from('\0\xff\xfe garbage \n\n:::\n'), Buffer.alloc(4096, 0xab)];

describe.each([...cataloguers.entries()])('cataloguer %s', (key, cataloguer) => {
  const ctx = { distro: { id: 'debian', versionId: '12' }, view: memoryView([]) };
  it('is registered under its name and lists sample paths', () => {
    expect(cataloguer.name).toBe(key);
    expect(SAMPLES[key], `add sample paths for ${key}`).toBeDefined();
  });
  it('wants its own sample paths and rejects unrelated ones', () => {
    for (const path of SAMPLES[key] ?? []) expect(cataloguer.wants(path), path).toBe(true);
    for (const path of UNRELATED) expect(cataloguer.wants(path), path).toBe(false);
    for (const [other, paths] of Object.entries(SAMPLES)) {
      if (other !== key) for (const path of paths) expect(cataloguer.wants(path), path).toBe(false);
    }
  });
  it('inspects files by mode only when it has no paths of its own, and reduces what it inspects', () => {
    const inspected = INSPECTED[key] ?? [];
    expect(inspected.length > 0, 'a cataloguer without sample paths inspects').toBe(
      SAMPLES[key]?.length === 0,
    );
    for (const [path, mode, size] of inspected)
      expect(cataloguer.inspects?.(path, mode, size), path).toBe(true);
    for (const path of UNRELATED)
      expect(cataloguer.inspects?.(path, 0o644, 100_000) ?? false, path).toBe(false);
    if (cataloguer.inspects) expect(cataloguer.reduce, 'an inspecting cataloguer reduces').toBeDefined();
  });
  it('turns empty or garbage input into warnings (or, when it inspects, nothing), never a throw or a package', async () => {
    const path = SAMPLES[key]![0] ?? INSPECTED[key]![0]![0];
    for (const content of GARBAGE) {
      const result = await cataloguer.parse(path, content, ctx);
      expect(result.packages).toEqual([]);
      // any executable may be inspected: most hold nothing for the cataloguer, and that is no warning
      if (cataloguer.inspects) expect(result.warnings).toEqual([]);
      else if (content.length > 0) expect(result.warnings.length).toBeGreaterThan(0);
      expect(cataloguer.reduce?.(content)).toBeUndefined();
    }
  });
  it('gives packages with every required field', async () => {
    const sample = SAMPLE_CONTENT[key];
    expect(sample, `add sample content for ${key}`).toBeDefined();
    const { packages } = await cataloguer.parse(
      sample![0],
      typeof sample![1] === 'string' ? Buffer.from(sample![1]) : sample![1],
      ctx,
    );
    expect(packages.length).toBeGreaterThan(0);
    for (const p of packages) {
      expect(p.name && p.version && p.type && p.foundBy === key).toBeTruthy();
      expect(p.purl).toMatch(new RegExp(`^pkg:${p.type}/`));
      expect(p.locations).toContain(sample![0]);
      expect(Array.isArray(p.licenses)).toBe(true);
    }
  });
});

const SAMPLE_CONTENT: Record<string, [string, string | Buffer]> = {
  apk: ['/lib/apk/db/installed', 'P:musl\nV:1.1.20-r4\nA:x86_64\no:musl\n\n'],
  dpkg: [
    '/var/lib/dpkg/status',
    'Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b2\nArchitecture: amd64\n',
  ],
  rpm: ['/var/lib/rpm/Packages.db', ''], // filled below from a real header built by hand
  python: ['/x/six-1.16.0.dist-info/METADATA', 'Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n'],
  npm: ['/app/node_modules/left-pad/package.json', '{"name":"left-pad","version":"1.3.0","license":"WTFPL"}'],
  gem: [
    '/usr/local/bundle/specifications/rack-3.0.8.gemspec',
    'Gem::Specification.new do |s|\n  s.name = "rack".freeze\n  s.version = "3.0.8"\nend\n',
  ],
};
SAMPLE_CONTENT.rpm = ['/var/lib/rpm/Packages.db', ndbWithOneHeader()];
SAMPLE_CONTENT.go = ['/usr/local/bin/app', goBuildInfo()];
SAMPLE_CONTENT.rust = [
  '/usr/local/bin/app',
  auditedElf([{ name: 'serde', version: '1.0.197', source: 'crates.io' }]),
];
SAMPLE_CONTENT.composer = [
  '/var/www/html/vendor/composer/installed.json',
  '{"packages":[{"name":"monolog/monolog","version":"3.5.0","license":["MIT"]}],"dev":false,"dev-package-names":[]}',
];
SAMPLE_CONTENT.dotnet = [
  '/app/MyWebApp.deps.json',
  '{"runtimeTarget":{"name":".NETCoreApp,Version=v8.0"},"targets":{".NETCoreApp,Version=v8.0":{"Newtonsoft.Json/13.0.3":{}}},"libraries":{"Newtonsoft.Json/13.0.3":{"type":"package","serviceable":true,"sha512":"","path":"newtonsoft.json/13.0.3"}}}',
];
// a jar holding only the pom.properties Maven's archiver writes, in a zip written by the test helper
SAMPLE_CONTENT.java = [
  '/app/lib/x.jar',
  writeZip([
    {
      name: 'META-INF/maven/org.example/x/pom.properties',
      content: 'groupId=org.example\nartifactId=x\nversion=1.2.3\n',
    },
  ]),
];

// Go build information in the inline form (Go 1.18+): header, then length-prefixed version and modules
function goBuildInfo(): Buffer {
  const header = Buffer.alloc(32);
  header.write('\xff Go buildinf:', 'latin1');
  header[14] = 8;
  header[15] = 2;
  const text =
    'path\texample.com/app\nmod\texample.com/app\tv1.0.0\t\ndep\tgolang.org/x/sys\tv0.1.0\th1:x=\n';
  const modinfo = Buffer.concat([Buffer.alloc(16), Buffer.from(text), Buffer.alloc(16)]);
  const version = Buffer.from('go1.21.5');
  return Buffer.concat([
    header,
    Buffer.from([version.length]),
    version,
    Buffer.from([modinfo.length]),
    modinfo,
  ]);
}

// a minimal NDB database holding one header with NAME, VERSION, RELEASE, as the format describes
function ndbWithOneHeader(): Buffer {
  const strings = ['bash\0', '5.2.15\0', '1.amzn2023\0'];
  const store = Buffer.from(strings.join(''), 'latin1');
  const index = Buffer.alloc(3 * 16);
  let offset = 0;
  [1000, 1001, 1002].forEach((tag, i) => {
    index.writeUInt32BE(tag, i * 16);
    index.writeUInt32BE(6, i * 16 + 4);
    index.writeUInt32BE(offset, i * 16 + 8);
    index.writeUInt32BE(1, i * 16 + 12);
    offset += strings[i]!.length;
  });
  const head = Buffer.alloc(8);
  head.writeUInt32BE(3, 0);
  head.writeUInt32BE(store.length, 4);
  const blob = Buffer.concat([head, index, store]);
  const file = Buffer.alloc(4096 + 16 + blob.length + 16);
  file.write('RpmP', 0, 'latin1');
  file.writeUInt32LE(1, 12); // one slot page
  file.write('Slot', 32, 'latin1');
  file.writeUInt32LE(1, 36); // package index
  file.writeUInt32LE(4096 / 16, 40); // block offset
  file.writeUInt32LE(Math.ceil((blob.length + 16) / 16), 44);
  file.write('BlbS', 4096, 'latin1');
  file.writeUInt32LE(1, 4100);
  file.writeUInt32LE(blob.length, 4108);
  blob.copy(file, 4112);
  return file;
}
