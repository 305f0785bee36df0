import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryView } from '../__fixtures__/memory-view.js';
import { javaCataloguer } from './index.js';
import { writeZip } from './__fixtures__/stored-zip.js';

const ctx = { view: memoryView([]) };
const parse = (content: Buffer, path = '/app/lib/x-1.0.jar') => javaCataloguer.parse(path, content, ctx);
const REAL = readFileSync('/usr/share/java/commons-cli.jar');
const POM = 'META-INF/maven/org.example/bomb/pom.properties';
const POM_TEXT = 'groupId=org.example\nartifactId=bomb\nversion=1\n';
// meaningful text followed by 100 MB of blank lines: read whole, it would give a package
const BIG_POM = Buffer.alloc(100 << 20, '\n');
BIG_POM.write(POM_TEXT);
const BIG_MANIFEST = Buffer.alloc(100 << 20, '\n');
BIG_MANIFEST.write('Manifest-Version: 1.0\r\nImplementation-Version: 9.9\r\n\r\n');
const INNER = writeZip([{ name: POM, content: POM_TEXT }]);
// 100 MB in front of a real archive: read whole, the nested archive reads (prepended bytes are fine)
const BIG_INNER = Buffer.concat([Buffer.alloc(100 << 20), INNER]);

describe('java cataloguer on hostile input', () => {
  it('gives nothing for garbage and keeps nothing of it', async () => {
    for (const content of [Buffer.alloc(0), Buffer.from('PK\x05\x06'), Buffer.alloc(70_000, 0x50)]) {
      expect(await parse(content)).toEqual({ packages: [], warnings: [] });
      expect(javaCataloguer.reduce!(content)).toBeUndefined();
    }
  });

  it('gives nothing for a jar cut short (its directory at the end is gone)', async () => {
    for (const keep of [0.25, 0.5, 0.99])
      expect((await parse(REAL.subarray(0, Math.floor(REAL.length * keep)))).packages).toEqual([]);
    expect(javaCataloguer.reduce!(REAL.subarray(0, REAL.length - 30))).toBeUndefined();
  });

  it('never throws on a damaged jar', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: REAL.length - 1 }), fc.nat({ max: 255 })), { maxLength: 40 }),
        async (changes) => {
          const content = Buffer.from(REAL);
          for (const [at, byte] of changes) content[at] = byte;
          const result = await parse(content);
          expect(result.warnings).toEqual([]);
          javaCataloguer.reduce!(content);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('does not inflate a 100 MB pom.properties or manifest, whether its size is told or hidden', async () => {
    for (const claimSize of [undefined, 60]) {
      const bomb = writeZip([
        { name: POM, content: BIG_POM, deflate: true, claimSize },
        { name: 'META-INF/MANIFEST.MF', content: BIG_MANIFEST, deflate: true, claimSize },
      ]);
      expect(bomb.length).toBeLessThan(1 << 20);
      // the file name gives no version and the entries that would are skipped
      expect((await parse(bomb, '/app/lib/bomb.jar')).packages).toEqual([]);
      const reduced = javaCataloguer.reduce!(bomb)!;
      expect(reduced.length).toBeLessThan(200);
      expect((await parse(reduced, '/app/lib/bomb.jar')).packages).toEqual([]);
    }
  });

  it('does not open a nested archive that inflates to 100 MB', async () => {
    for (const claimSize of [undefined, INNER.length]) {
      const outer = writeZip([{ name: 'lib/inner.jar', content: BIG_INNER, deflate: true, claimSize }]);
      expect((await parse(outer, '/app/lib/outer.jar')).packages).toEqual([]);
    }
  });

  it('reads the same nested archive when it is small enough', async () => {
    const outer = writeZip([{ name: 'lib/inner.jar', content: INNER, deflate: true }]);
    const { packages } = await parse(outer, '/app/lib/outer.jar');
    expect(packages.map((p) => [p.name, p.version, p.locations])).toEqual([
      ['org.example:bomb', '1', ['/app/lib/outer.jar:lib/inner.jar']],
    ]);
  });

  it('refuses a kept part that is not what reduce writes', async () => {
    const fake = Buffer.from('cleanroom-java-archive-facts/1\n[{"inner":"","poms":"nope"}]');
    expect(await parse(fake)).toEqual({ packages: [], warnings: [] });
  });
});
