import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.js';
import { memoryView } from '../__fixtures__/memory-view.js';
import { alpineImageFile } from '../__fixtures__/image-files.js';
import { apkCataloguer } from './index.js';

const DB = '/lib/apk/db/installed';

// independent expectation: the P:/V:/o: lines of each stanza, read with a plain regex
function expectedFromRaw(text: string) {
  return text
    .split(/\n\n+/)
    .filter((stanza) => /^P:/m.test(stanza))
    .map((stanza) => ({
      name: /^P:(.*)$/m.exec(stanza)![1],
      version: /^V:(.*)$/m.exec(stanza)![1],
      origin: /^o:(.*)$/m.exec(stanza)?.[1],
    }));
}

async function parse(content: Buffer, distro = { id: 'alpine', versionId: '3.18.0' }) {
  return apkCataloguer.parse(DB, content, { distro, view: memoryView([]) });
}

describe('apk cataloguer', () => {
  it('parses pkgdb/apk-installed completely', async () => {
    const raw = readFileSync(fixture('pkgdb', 'apk-installed'));
    const pLines = raw
      .toString()
      .split('\n')
      .filter((l) => l.startsWith('P:')).length;
    const { packages, warnings } = await parse(raw);
    expect(warnings).toEqual([]);
    expect(packages).toHaveLength(pLines);
    expect(packages.map((p) => ({ name: p.name, version: p.version, origin: p.source?.name }))).toEqual(
      expectedFromRaw(raw.toString()).map((e) => ({ ...e, origin: e.origin ?? e.name })),
    );
  });

  it.each(['alpine-3.9.4', 'alpine-3.10.2'] as const)(
    'reads the 14 packages of %s with their origins',
    async (image) => {
      const raw = alpineImageFile(image, 'lib/apk/db/installed');
      const expected = expectedFromRaw(raw.toString());
      expect(expected).toHaveLength(14);
      const { packages } = await parse(raw, { id: 'alpine', versionId: image.slice(7) });
      expect(
        packages.map((p) => ({
          name: p.name,
          version: p.version,
          origin: p.metadata?.kind === 'apk' ? p.metadata.origin : '',
        })),
      ).toEqual(expected);
      const musl = packages.find((p) => p.name === 'musl')!;
      expect(musl.purl).toBe(`pkg:apk/alpine/musl@${musl.version}?arch=x86_64&distro=${image}`);
    },
  );

  it('keeps license, arch and an upstream qualifier when origin differs', async () => {
    const { packages } = await parse(
      Buffer.from('P:libcrypto1.1\nV:1.1.1b-r1\nA:x86_64\nL:OpenSSL\no:openssl\nI:2000\n\n'),
    );
    expect(packages[0]).toMatchObject({
      licenses: ['OpenSSL'],
      arch: 'x86_64',
      source: { name: 'openssl', version: '1.1.1b-r1' },
      purl: 'pkg:apk/alpine/libcrypto1.1@1.1.1b-r1?arch=x86_64&distro=alpine-3.18.0&upstream=openssl',
      metadata: { kind: 'apk', installedSize: 2000 },
    });
  });

  it('warns about a stanza without a version and keeps the rest', async () => {
    const { packages, warnings } = await parse(Buffer.from('P:a\n\nP:b\nV:1\n'));
    expect(packages.map((p) => p.name)).toEqual(['b']);
    expect(warnings).toHaveLength(1);
  });
});
