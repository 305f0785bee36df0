/**
 * Layers read ahead of their turn (decompressed, hashed and parsed while an earlier layer is
 * squashed) must give the very inventory that reading them one after another gives. The image is
 * the Debian fixture's root split by the test into six layers, with a status file rewritten in a
 * later layer and a whiteout, so that the order of the layers matters to the result.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures.js';
import { makeTar, writeLayout } from '../image/__fixtures__/build-layout.js';
import { openSource, readImage } from '../image/index.js';
import type { Inventory } from './types.js';
import { catalogView, wantsAny } from './catalog-view.js';

let dir: string;
let layout: string;
let dropped: string;

async function inventoryOf(layerConcurrency: number): Promise<Inventory> {
  const source = await openSource(layout, {});
  try {
    const read = await readImage(source, wantsAny, { layerConcurrency });
    return await catalogView(read.view, read.target);
  } finally {
    await source.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cleanroom-layers-'));
  const oci = join(dir, 'oci');
  const root = join(dir, 'root');
  await mkdir(oci);
  await mkdir(root);
  execFileSync('tar', ['-xf', fixture('images', 'debian-bookworm-slim.oci.tar'), '-C', oci]);
  const index = JSON.parse(await readFile(join(oci, 'index.json'), 'utf8')) as {
    manifests: { digest: string }[];
  };
  const blob = (digest: string) => join(oci, 'blobs', 'sha256', digest.slice('sha256:'.length));
  const manifest = JSON.parse(await readFile(blob(index.manifests[0]!.digest), 'utf8')) as {
    layers: { digest: string }[];
  };
  execFileSync('tar', ['-xzf', blob(manifest.layers[0]!.digest), '-C', root, '--no-same-owner']);
  const tarOf = (...args: string[]) =>
    execFileSync('tar', ['-C', root, '-c', ...args], { maxBuffer: 512 * 1024 * 1024 });
  const status = await readFile(join(root, 'var/lib/dpkg/status'), 'utf8');
  const stanzas = status.trimEnd().split('\n\n');
  dropped = /^Package: (.*)$/m.exec(stanzas.at(-1)!)![1]!;
  const docs = (await readdir(join(root, 'usr/share/doc'))).sort();
  const whitedOut = docs.find((d) => d !== dropped)!;
  const layers = [
    tarOf('--exclude=./usr/share', '--exclude=./var/lib/dpkg', '.'),
    tarOf('./usr/share/doc'),
    tarOf('--exclude=./usr/share/doc', './usr/share'),
    tarOf('./var/lib/dpkg'),
    await makeTar([
      { name: 'var/lib/dpkg/status', content: stanzas.slice(0, -1).join('\n\n') + '\n' },
      { name: `usr/share/doc/${whitedOut}/.wh.copyright` },
    ]),
    await makeTar([{ name: 'var/lib/dpkg/status', content: status }]),
  ];
  await writeLayout(join(dir, 'layout'), { layers });
  layout = join(dir, 'layout');
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('layers read in parallel', () => {
  it('give the inventory of layers read one after another', async () => {
    const sequential = await inventoryOf(1);
    // the split image is the fixture's: its 96 Debian packages, credited by layer order
    expect(sequential.packages.filter((p) => p.type === 'deb')).toHaveLength(96);
    const layerOf = (name: string) => sequential.packages.find((p) => p.name === name)?.layer;
    const diffIds = sequential.target.layers.map((l) => l.diffId);
    expect(layerOf(dropped)).toBe(diffIds[5]);
    expect(sequential.packages.filter((p) => p.layer === diffIds[3]).length).toBe(95);
    for (const concurrency of [2, 3, 6]) expect(await inventoryOf(concurrency)).toEqual(sequential);
  });
});
