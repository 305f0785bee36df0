import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures.js';
import { openSource, readImage } from '../image/index.js';
import { alpineImageDiffId, alpineImageFile } from './__fixtures__/image-files.js';
import { catalogView, wantsAny } from './catalog-view.js';

// end to end over the real fixture images, through the project's image reader
async function inventoryOf(path: string) {
  const source = await openSource(path, {});
  try {
    const read = await readImage(source, wantsAny);
    return await catalogView(read.view, read.target);
  } finally {
    await source.close();
  }
}

describe('catalog of the fixture images', () => {
  it.each(['alpine-3.9.4', 'alpine-3.10.2'] as const)(
    '%s: 14 packages with origin and the one layer',
    async (image) => {
      // expectations from the raw installed database and config, read with the system tar
      const raw = alpineImageFile(image, 'lib/apk/db/installed').toString();
      const expected = raw
        .split(/\n\n+/)
        .filter((s) => /^P:/m.test(s))
        .map((s) => [/^P:(.*)$/m.exec(s)![1], /^V:(.*)$/m.exec(s)![1], /^o:(.*)$/m.exec(s)![1]].join(' '))
        .sort();
      const diffId = alpineImageDiffId(image);

      const inventory = await inventoryOf(fixture('images', `${image}.docker.tar.gz`));
      expect(inventory.distro).toMatchObject({ id: 'alpine', versionId: image.slice('alpine-'.length) });
      expect(inventory.warnings).toEqual([]);
      expect(inventory.packages).toHaveLength(14);
      expect(inventory.packages.map((p) => [p.name, p.version, p.source?.name].join(' ')).sort()).toEqual(
        expected,
      );
      for (const p of inventory.packages) expect(p.layer).toBe(diffId);
    },
  );

  it('debian bookworm slim: exactly the 96 rows of its packages.tsv', async () => {
    const tsv = readFileSync(fixture('images', 'debian-bookworm-slim.packages.tsv'), 'utf8')
      .trim()
      .split('\n')
      .sort();
    const inventory = await inventoryOf(fixture('images', 'debian-bookworm-slim.oci.tar'));
    expect(inventory.distro).toMatchObject({ id: 'debian', versionId: '12', codename: 'bookworm' });
    const rows = inventory.packages
      .filter((p) => p.type === 'deb')
      .map((p) => [p.name, p.version, p.source?.name, p.source?.version, p.arch].join('\t'))
      .sort();
    expect(rows).toEqual(tsv);
    const layers = new Set(inventory.packages.map((p) => p.layer));
    expect(layers).toEqual(new Set([inventory.target.layers.at(-1)?.diffId]));
  });
});
