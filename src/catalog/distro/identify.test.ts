import { describe, expect, it } from 'vitest';
import { memoryView } from '../__fixtures__/memory-view.js';
import { alpineImageFile, debianImageFile } from '../__fixtures__/image-files.js';
import { parseOsRelease } from './os-release.js';
import { distroFromFile, identifyDistro } from './identify.js';

const view = (files: Record<string, string | Buffer>) => memoryView([{ diffId: 'sha256:l1', files }]);

describe('identifyDistro on real images', () => {
  it('reads Alpine 3.9.4 and 3.10.2', async () => {
    for (const [image, version] of [
      ['alpine-3.9.4', '3.9.4'],
      ['alpine-3.10.2', '3.10.2'],
    ] as const) {
      const distro = await identifyDistro(
        view({ '/etc/os-release': alpineImageFile(image, 'etc/os-release') }),
      );
      expect(distro).toMatchObject({ id: 'alpine', versionId: version });
    }
  });
  it('reads Debian 12 with its codename', async () => {
    const distro = await identifyDistro(
      view({ '/usr/lib/os-release': debianImageFile('usr/lib/os-release') }),
    );
    expect(distro).toMatchObject({ id: 'debian', versionId: '12', codename: 'bookworm' });
  });
  it('falls back to alpine-release and debian_version', async () => {
    expect(
      await identifyDistro(
        view({ '/etc/alpine-release': alpineImageFile('alpine-3.9.4', 'etc/alpine-release') }),
      ),
    ).toEqual({
      id: 'alpine',
      versionId: '3.9.4',
    });
    expect(
      await identifyDistro(view({ '/etc/debian_version': debianImageFile('etc/debian_version') })),
    ).toEqual({
      id: 'debian',
      versionId: '12',
    });
  });
  it('gives undefined for an image without distro files', async () => {
    expect(await identifyDistro(view({ '/app/main': 'x' }))).toBeUndefined();
  });
});

describe('os-release quoting (os-release(5))', () => {
  it('handles double, single and no quotes, escapes, comments and bad lines', () => {
    const vars = parseOsRelease('# c\nA="x \\"y\\" \\$z"\nB=\'a b\'\nC=plain\nbad line\nD="unterminated\n');
    expect(Object.fromEntries(vars)).toEqual({ A: 'x "y" $z', B: 'a b', C: 'plain' });
  });
});

describe('distroFromFile for other distributions', () => {
  const cases: [string, string, object][] = [
    [
      '/etc/os-release',
      'ID=wolfi\nNAME="Wolfi"\nPRETTY_NAME="Wolfi"\nVERSION_ID=20230201\n',
      { id: 'wolfi', versionId: '20230201' },
    ],
    ['/etc/os-release', 'ID=chainguard\nNAME="Chainguard"\n', { id: 'chainguard' }],
    [
      '/etc/os-release',
      'NAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian\n',
      { id: 'ubuntu', versionId: '22.04', codename: 'jammy', idLike: ['debian'] },
    ],
    [
      '/etc/os-release',
      'NAME="Amazon Linux"\nID="amzn"\nID_LIKE="fedora"\nVERSION_ID="2023"\n',
      { id: 'amzn', versionId: '2023' },
    ],
    [
      '/etc/os-release',
      'NAME="SLES"\nVERSION_ID="15.5"\nID="sles"\nID_LIKE="suse"\n',
      { id: 'sles', versionId: '15.5' },
    ],
    ['/etc/os-release', 'ID="rhel"\nVERSION_ID="9.3"\n', { id: 'rhel', versionId: '9.3' }],
    [
      '/etc/os-release',
      'PRETTY_NAME="Debian GNU/Linux 9 (stretch)"\nVERSION="9 (stretch)"\nID=debian\nVERSION_ID="9"\n',
      { id: 'debian', versionId: '9', codename: 'stretch' },
    ],
    [
      '/etc/lsb-release',
      'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=18.04\nDISTRIB_CODENAME=bionic\n',
      { id: 'ubuntu', versionId: '18.04', codename: 'bionic' },
    ],
    [
      '/etc/redhat-release',
      'Red Hat Enterprise Linux release 8.8 (Ootpa)\n',
      { id: 'rhel', versionId: '8.8', codename: 'ootpa' },
    ],
    [
      '/etc/centos-release',
      'CentOS Linux release 7.9.2009 (Core)\n',
      { id: 'centos', versionId: '7.9.2009' },
    ],
    ['/etc/system-release', 'Amazon Linux release 2 (Karoo)\n', { id: 'amzn', versionId: '2' }],
  ];
  it.each(cases)('%s %j', (path, text, expected) => {
    expect(distroFromFile(path, text)).toMatchObject(expected);
  });
  it('prefers /etc/os-release over fallbacks', async () => {
    const distro = await identifyDistro(
      view({ '/etc/os-release': 'ID=debian\nVERSION_ID="12"\n', '/etc/debian_version': '11.2\n' }),
    );
    expect(distro?.versionId).toBe('12');
  });
});
