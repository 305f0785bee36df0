import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import { sbom } from './sbom.js';
import { expectedImages } from '../test/sbom-expected.js';
import { dockerArchiveOf } from '../test/sbom-helpers.js';
import { fixture } from '../test/fixtures.js';

describe('sbom()', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cleanroom-sbom-lib-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the inventory of an image: distro, packages, and the layer of each', async () => {
    const expected = expectedImages()[1]!;
    const inventory = await sbom(fixture('images', expected.file), { cacheDir: dir });
    expect(inventory.distro).toMatchObject(expected.distro);
    expect(inventory.packages.map((p) => [p.name, p.version, p.source?.name]).sort()).toEqual(
      [...expected.packages].sort(),
    );
    expect(new Set(inventory.packages.map((p) => p.layer))).toEqual(
      new Set([inventory.target.layers[0]!.diffId]),
    );
    expect(inventory.warnings).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('releases what the source holds open when reading fails (no temp file left in the cache)', async () => {
    const archive = await dockerArchiveOf([[{ name: 'etc/x', type: 'link', linkname: 'missing/entry' }]]);
    const path = join(dir, 'bad.tar.gz');
    await writeFile(path, gzipSync(archive));
    const cache = await mkdtemp(join(dir, 'cache-'));
    await expect(sbom(path, { cacheDir: cache })).rejects.toThrow(InputError);
    expect(await readdir(cache)).toEqual([]);
  });
});
