import { describe, expect, it } from 'vitest';
import { parseDeb822Sources, parseSourcesList } from './apt-sources.js';
import { readArArchive } from './ar-archive.js';
import { alternativeLinks, parseAlternativeInstalls } from './alternatives.js';
import { parseImageFile } from './image-file.js';
import { parsePackagesIndex } from './packages-index.js';
import { parseRelease, releaseProblem } from './release.js';
import { readTar } from './tar-read.js';
import { writeTar } from './tar-write.js';

describe('apt sources', () => {
  it('reads one-line and deb822 entries, deb only, enabled only', () => {
    expect(
      parseSourcesList(
        'deb [arch=amd64 signed-by=/k.gpg] http://m/debian/ bookworm main contrib\ndeb-src http://m x main\n# deb http://c x y',
      ),
    ).toEqual([
      { uri: 'http://m/debian', suites: ['bookworm'], components: ['main', 'contrib'], signedBy: '/k.gpg' },
    ]);
    const text =
      'Types: deb deb-src\nURIs: http://a/debian\nSuites: bookworm bookworm-updates\nComponents: main\n\nTypes: deb\nEnabled: no\nURIs: http://b\nSuites: x\nComponents: main\n';
    expect(parseDeb822Sources(text)).toEqual([
      { uri: 'http://a/debian', suites: ['bookworm', 'bookworm-updates'], components: ['main'] },
    ]);
  });
});

describe('Packages and Release', () => {
  it('reads the fields resolution needs, folded ones too, and skips incomplete stanzas', () => {
    const text = `Package: a\nVersion: 1\nArchitecture: amd64\nDepends: b,\n c (>= 2)\nFilename: pool/a.deb\nSize: 10\nSHA256: ${'A'.repeat(64)}\n\nPackage: nohash\nVersion: 1\nArchitecture: all\n`;
    const [a, ...rest] = parsePackagesIndex(text, 'http://m');
    expect(rest).toEqual([]);
    expect(a).toMatchObject({
      name: 'a',
      depends: 'b, c (>= 2)',
      size: 10,
      sha256: 'a'.repeat(64),
      repository: 'http://m',
    });
  });

  it('reads a Release, and refuses another suite or an expired one', () => {
    const r = parseRelease(
      `Suite: stable\nCodename: bookworm\nVersion: 12.11\nValid-Until: Sat, 01 Jan 2000 00:00:00 UTC\nSHA256:\n ${'b'.repeat(64)} 12 main/binary-amd64/Packages\n`,
    );
    expect(r.sha256.get('main/binary-amd64/Packages')).toEqual({ sha256: 'b'.repeat(64), size: 12 });
    expect(releaseProblem(r, 'trixie', new Date())).toMatch(/not of trixie/);
    expect(releaseProblem(r, 'bookworm', new Date())).toMatch(/expired/);
    expect(releaseProblem(r, 'bookworm', new Date('1999-01-01'))).toBeUndefined();
  });
});

describe('archives', () => {
  it('writes tars it reads back, long names through pax, with owners and modes', () => {
    const long = `usr/${'x'.repeat(120)}/file`;
    const tar = writeTar(
      [
        { path: 'usr', type: 'directory', mode: 0o755, uid: 0, gid: 0 },
        { path: long, type: 'file', mode: 0o4755, uid: 0, gid: 8, data: Buffer.from('hi') },
        { path: 'usr/link', type: 'symlink', mode: 0o777, uid: 0, gid: 0, linkname: '../x' },
      ],
      1700000000,
    );
    expect(tar.length % 512).toBe(0);
    const back = readTar(tar);
    expect(back.map((m) => [m.path, m.type, m.mode, m.gid, m.linkname])).toEqual([
      ['usr', 'directory', 0o755, 0, undefined],
      [long, 'file', 0o4755, 8, undefined],
      ['usr/link', 'symlink', 0o777, 0, '../x'],
    ]);
    expect(back[1]!.data.toString()).toBe('hi');
    expect(writeTar(back, 1700000000).equals(tar)).toBe(true);
  });

  it('reads ar members and refuses what is not one', () => {
    const header = (name: string, size: number) =>
      `${name.padEnd(16)}${'0'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'100644'.padEnd(8)}${String(size).padEnd(10)}\`\n`;
    const ar = Buffer.from(`!<arch>\n${header('debian-binary', 4)}2.0\n${header('x/', 3)}abc\n`);
    expect(readArArchive(ar).map((m) => [m.name, m.data.toString()])).toEqual([
      ['debian-binary', '2.0\n'],
      ['x', 'abc'],
    ]);
    expect(() => readArArchive(Buffer.from('nope'))).toThrow(/not an ar archive/);
  });
});

describe('alternatives', () => {
  it('reads literal --install calls and keeps the highest priority whose target exists', () => {
    const script =
      'update-alternatives --install /usr/bin/awk awk /usr/bin/mawk 5 \\\n  --slave /usr/bin/nawk nawk /usr/bin/mawk\nupdate-alternatives --install /usr/bin/awk awk /usr/bin/gawk 10\nupdate-alternatives --install $x y /z 1\n';
    const found = parseAlternativeInstalls(script);
    expect(found.map((c) => c.path)).toEqual(['/usr/bin/mawk', '/usr/bin/gawk']);
    const links = alternativeLinks(found, (p) => p === '/usr/bin/mawk');
    expect([...links]).toEqual([
      ['/usr/bin/awk', '/etc/alternatives/awk'],
      ['/etc/alternatives/awk', '/usr/bin/mawk'],
      ['/usr/bin/nawk', '/etc/alternatives/nawk'],
      ['/etc/alternatives/nawk', '/usr/bin/mawk'],
    ]);
  });
});

describe('image file', () => {
  it('applies defaults and names the field of the first problem', () => {
    expect(parseImageFile('packages: [python3]', 'f.yaml')).toMatchObject({
      suite: 'bookworm',
      architectures: ['amd64'],
      account: { user: 'nonroot', uid: 65532 },
    });
    expect(() => parseImageFile('packages: [python3]\naccount: {uid: 0}', 'f.yaml')).toThrow(
      /^f\.yaml: account\.uid: /,
    );
    expect(() => parseImageFile('packages: [python3]\nshell: bash', 'f.yaml')).toThrow(
      /Unrecognized key: "shell"/,
    );
    expect(() => parseImageFile('packages: [', 'f.yaml')).toThrow(/f\.yaml is not YAML/);
  });
});
