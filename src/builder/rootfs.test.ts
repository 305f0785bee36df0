import { describe, expect, it } from 'vitest';
import type { DebPackage } from './deb-package.js';
import { layoutFiles, platformImage } from './oci-image.js';
import { repositoriesFor } from './repositories.js';
import { assembleRoot } from './rootfs.js';
import type { TarMember } from './tar-read.js';
import { writeTar } from './tar-write.js';
import { parseImageFile } from './image-file.js';

const file = (path: string, content = '', extra: Partial<TarMember> = {}): TarMember => ({
  path,
  type: 'file',
  mode: 0o644,
  uid: 0,
  gid: 0,
  data: Buffer.from(content),
  ...extra,
});
const dir = (path: string): TarMember => ({
  path,
  type: 'directory',
  mode: 0o755,
  uid: 0,
  gid: 0,
  data: Buffer.alloc(0),
});
const deb = (name: string, files: TarMember[], postinst?: string): { name: string; deb: DebPackage } => ({
  name,
  deb: {
    control: `Package: ${name}\nVersion: 1\nArchitecture: amd64\n`,
    md5sums: `x  ${name}\n`,
    postinst,
    builtAt: 1,
    files,
  },
});
const options = {
  account: { user: 'nonroot', group: 'nonroot', uid: 65532, gid: 65532, home: '/home/nonroot' },
  distro: { id: 'debian', name: 'Debian GNU/Linux', versionId: '12', codename: 'bookworm' },
  keepDocs: false,
  caBundle: true,
};

describe('assembleRoot', () => {
  const entries = assembleRoot(
    [
      deb(
        'mawk',
        [
          dir('usr'),
          dir('usr/bin'),
          file('usr/bin/mawk', 'awk'),
          file('usr/share/doc/mawk/README'),
          file('usr/share/doc/mawk/copyright', 'c'),
          { ...file('usr/bin/awk-copy'), type: 'hardlink', linkname: 'usr/share/doc/mawk/README' },
        ],
        'update-alternatives --install /usr/bin/awk awk /usr/bin/mawk 5\n',
      ),
      deb('ca-certificates', [
        file('usr/share/ca-certificates/mozilla/B.crt', 'B'),
        file('usr/share/ca-certificates/mozilla/A.crt', 'A\n'),
      ]),
    ],
    options,
  );
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const text = (p: string) => byPath.get(p)?.data?.toString();

  it('merges packages, drops docs but copyright, adds parents, sorts parents first', () => {
    expect(byPath.has('usr/share/doc/mawk/README')).toBe(false);
    expect(text('usr/share/doc/mawk/copyright')).toBe('c');
    expect(byPath.get('usr/bin/awk-copy')).toMatchObject({ type: 'file', linkname: undefined });
    expect(byPath.get('usr/share/doc')?.type).toBe('directory');
    const paths = entries.map((e) => e.path);
    expect(paths).toEqual([...paths].sort());
    for (const p of paths) {
      const parent = p.split('/').slice(0, -1).join('/');
      if (parent) expect(paths.indexOf(parent), p).toBeLessThan(paths.indexOf(p));
    }
  });

  it('writes the account, os-release, status.d, alternatives and the CA bundle', () => {
    expect(text('etc/passwd')).toContain('nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin');
    expect(text('etc/group')).toContain('nonroot:x:65532:');
    expect(text('etc/os-release')).toContain('VERSION_ID="12"');
    expect(byPath.get('home/nonroot')).toMatchObject({ type: 'directory', uid: 65532, gid: 65532 });
    expect(byPath.get('tmp')?.mode).toBe(0o1777);
    expect(text('var/lib/dpkg/status.d/mawk')).toBe(
      'Package: mawk\nStatus: install ok installed\nVersion: 1\nArchitecture: amd64\n',
    );
    expect(text('var/lib/dpkg/status.d/mawk.md5sums')).toBe('x  mawk\n');
    expect(byPath.get('usr/bin/awk')).toMatchObject({ type: 'symlink', linkname: '/etc/alternatives/awk' });
    expect(byPath.get('etc/alternatives/awk')).toMatchObject({ type: 'symlink', linkname: '/usr/bin/mawk' });
    expect(text('etc/ssl/certs/ca-certificates.crt')).toBe('A\nB\n');
  });

  it('gives the same layer and digest for the same entries, another for another time', async () => {
    const image = (mtime: number) =>
      platformImage(
        writeTar(entries, mtime),
        'amd64',
        { user: '65532:65532', env: [], labels: {} },
        new Date(mtime * 1000).toISOString(),
        'test',
      );
    const [a, b, c] = await Promise.all([image(1), image(1), image(2)]);
    expect(a.manifest.digest).toBe(b.manifest.digest);
    expect(c.manifest.digest).not.toBe(a.manifest.digest);
    const files = layoutFiles([a], 'latest');
    expect([...files.keys()].slice(0, 2)).toEqual(['oci-layout', 'index.json']);
    expect(JSON.parse(files.get('index.json')!.toString())).toMatchObject({
      manifests: [{ digest: a.manifest.digest, platform: { architecture: 'amd64', os: 'linux' } }],
    });
  });
});

describe('repositoriesFor', () => {
  const sources = [
    {
      uri: 'http://m/debian',
      suites: ['bookworm', 'bookworm-updates', 'trixie'],
      components: ['main', 'contrib'],
    },
    {
      uri: 'http://m/debian-security',
      suites: ['bookworm-security'],
      components: ['main'],
      signedBy: '/k.gpg',
    },
    { uri: 'https://other/apt', suites: ['cloud-sdk'], components: ['main'] },
  ];
  it("takes the machine's sources of the suite, main only, when the file names none", () => {
    const image = parseImageFile('packages: [python3]', 'f.yaml');
    expect(repositoriesFor(image, sources, 'f.yaml')).toEqual([
      {
        url: 'http://m/debian',
        suites: ['bookworm', 'bookworm-updates'],
        components: ['main'],
        keyring: '/usr/share/keyrings/debian-archive-keyring.gpg',
      },
      {
        url: 'http://m/debian-security',
        suites: ['bookworm-security'],
        components: ['main'],
        keyring: '/k.gpg',
      },
    ]);
    expect(() => repositoriesFor(image, sources.slice(2), 'f.yaml')).toThrow(/f\.yaml names no repositories/);
  });
  it('takes the repositories the file names', () => {
    const image = parseImageFile('packages: [a1]\nrepositories: [{url: "http://x/debian/"}]', 'f.yaml');
    expect(repositoriesFor(image, sources, 'f.yaml')).toEqual([
      {
        url: 'http://x/debian',
        suites: ['bookworm'],
        components: ['main'],
        keyring: '/usr/share/keyrings/debian-archive-keyring.gpg',
      },
    ]);
  });
});

describe('assembleRoot on a merged-/usr suite', () => {
  const link = (path: string, target: string): TarMember => ({
    ...file(path),
    type: 'symlink',
    mode: 0o777,
    linkname: target,
  });
  const baseFiles = deb('base-files', [
    dir('etc'),
    link('bin', 'usr/bin'),
    link('lib', 'usr/lib'),
    link('lib64', 'usr/lib64'),
    link('sbin', 'usr/sbin'),
    link('etc/os-release', '../usr/lib/os-release'),
  ]).deb;
  const entries = assembleRoot(
    [
      deb('libc6', [dir('usr'), dir('usr/lib64'), file('usr/lib64/ld-linux-x86-64.so.2', 'ld')]),
      deb('legacy', [
        dir('lib'),
        file('lib/old.so', 'old'),
        { ...file('bin/again'), type: 'hardlink', linkname: 'lib/old.so' },
      ]),
    ],
    { ...options, layout: baseFiles },
  );
  const byPath = new Map(entries.map((e) => [e.path, e]));

  it('writes the top-level links base-files ships, and only those', () => {
    const links = entries.filter((e) => e.type === 'symlink' && !e.path.includes('/'));
    expect(links.map((e) => `${e.path} -> ${e.linkname}`)).toEqual([
      'bin -> usr/bin',
      'lib -> usr/lib',
      'lib64 -> usr/lib64',
      'sbin -> usr/sbin',
    ]);
    expect(byPath.get('usr/sbin')?.type).toBe('directory');
    expect(byPath.has('etc/os-release')).toBe(true); // written by cleanroom, not base-files' link
  });

  it('moves a file shipped under an aliased path to where the link leads', () => {
    expect(byPath.get('usr/lib/old.so')?.data?.toString()).toBe('old');
    expect(byPath.get('usr/bin/again')?.data?.toString()).toBe('old');
    expect([...byPath.keys()].filter((p) => /^(lib|bin)\//.test(p))).toEqual([]);
  });
});
