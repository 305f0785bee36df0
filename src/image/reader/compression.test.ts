/**
 * Layers compressed with gzip, zstd (by the zstd tool itself) and not at all, in one image: the
 * reader sniffs each from its magic bytes, whatever the media type says.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTar, writeLayout, type WrittenImage } from '../__fixtures__/build-layout.js';
import { openSource } from '../sources.js';
import { readImage } from './read-image.js';

let dir: string;
let img: WrittenImage;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cleanroom-compression-'));
  const layers = await Promise.all(
    ['gzip', 'zstd', 'none'].map((kind) =>
      makeTar([{ name: `data/${kind}.txt`, content: `${kind} `.repeat(50_000) }]),
    ),
  );
  let i = 0;
  const compress = (tarBytes: Buffer): Buffer => {
    const kind = i++;
    if (kind === 0) return gzipSync(tarBytes);
    if (kind === 1) return execFileSync('zstd', ['-q', '-c', '-3'], { input: tarBytes, maxBuffer: 64 << 20 });
    return tarBytes;
  };
  img = await writeLayout(dir, { layers, compress });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('reads gzip, zstd and uncompressed layers and checks each diff id', async () => {
  const source = await openSource(dir);
  const { view, target } = await readImage(source, (p) => p.startsWith('/data/'));
  await source.close();
  expect(target.layers.map((l) => l.diffId)).toEqual(img.diffIds);
  for (const [n, kind] of ['gzip', 'zstd', 'none'].entries()) {
    const info = await view.stat(`/data/${kind}.txt`);
    expect(info?.layer).toBe(img.diffIds[n]);
    expect((await view.readFile(`/data/${kind}.txt`)).toString()).toBe(`${kind} `.repeat(50_000));
  }
});
