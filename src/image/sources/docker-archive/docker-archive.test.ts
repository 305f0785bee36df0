/**
 * docker archives built at test time from the Alpine fixtures: manifest.json after the layers, and
 * two images in one archive chosen by tag. Expected diff ids come from the fixtures' own configs.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../../../test/fixtures.js';
import { InputError } from '../../../errors.js';
import { makeTar } from '../../__fixtures__/build-layout.js';
import { readImage } from '../../reader/read-image.js';
import { openSource } from '../../sources.js';

interface Unpacked {
  members: Map<string, Buffer>;
  manifest: { Config: string; RepoTags: string[]; Layers: string[] }[];
  diffId: string;
}

/** The members of a fixture archive, read with tar-stream (not with the code under test). */
async function unpack(file: string): Promise<Unpacked> {
  const members = new Map<string, Buffer>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => extract.on('finish', resolve).on('error', reject));
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => {
      chunks.push(c as Buffer);
    });
    stream.on('end', () => {
      if (header.type === 'file') members.set(header.name, Buffer.concat(chunks));
      next();
    });
  });
  extract.end(gunzipSync(readFileSync(file)));
  await done;
  const manifest = JSON.parse(members.get('manifest.json')!.toString()) as Unpacked['manifest'];
  const config = JSON.parse(members.get(manifest[0]!.Config)!.toString()) as {
    rootfs: { diff_ids: string[] };
  };
  return { members, manifest, diffId: config.rootfs.diff_ids[0]! };
}

let tmp: string;
let a39: Unpacked;
let a310: Unpacked;
let twoImages: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cleanroom-docker-archive-'));
  a39 = await unpack(fixture('images', 'alpine-3.9.4.docker.tar.gz'));
  a310 = await unpack(fixture('images', 'alpine-3.10.2.docker.tar.gz'));
  const files = (u: Unpacked): { name: string; content: Buffer }[] =>
    [...u.members]
      .filter(([n]) => n !== 'manifest.json' && n !== 'repositories')
      .map(([name, content]) => ({ name, content }));
  const manifest = {
    name: 'manifest.json',
    content: Buffer.from(JSON.stringify([...a39.manifest, ...a310.manifest])),
  };
  twoImages = join(tmp, 'two.tar');
  await writeFile(twoImages, await makeTar([...files(a39), ...files(a310), manifest]));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('docker-archive', () => {
  it('reads an archive whose manifest.json comes after the layers', async () => {
    const path = join(tmp, 'late-manifest.tar');
    const entries = [...a39.members].map(([name, content]) => ({ name, content }));
    entries.sort((x, y) => Number(x.name === 'manifest.json') - Number(y.name === 'manifest.json'));
    expect(entries.at(-1)?.name).toBe('manifest.json');
    await writeFile(path, await makeTar(entries));
    const source = await openSource(path);
    const { target, view } = await readImage(source, (p) => p === '/etc/os-release');
    await source.close();
    expect(target.layers.map((l) => l.diffId)).toEqual([a39.diffId]);
    expect((await view.readFile('/etc/os-release')).toString()).toMatch(/^VERSION_ID=3\.9\.4$/m);
  });

  it('chooses one of two images by tag', async () => {
    const source = await openSource(`docker-archive:${twoImages}:alpine:3.10`);
    const { target, view } = await readImage(source, (p) => p === '/etc/os-release');
    await source.close();
    expect(target.tags).toEqual(['alpine:3.10']);
    expect(target.layers.map((l) => l.diffId)).toEqual([a310.diffId]);
    expect((await view.readFile('/etc/os-release')).toString()).toMatch(/^VERSION_ID=3\.10\.2$/m);
  });

  it('refuses to guess between two images and lists their tags', async () => {
    const err = await openSource(twoImages).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(
      `${twoImages} holds 2 images (tags: alpine:3.9, alpine:3.10); name one as docker-archive:${twoImages}:TAG.`,
    );
    await expect(openSource(`docker-archive:${twoImages}:alpine:3.11`)).rejects.toThrow(
      `${twoImages} has no image tagged alpine:3.11; tags present: alpine:3.9, alpine:3.10.`,
    );
  });

  it('decompresses a gzipped archive into the cache folder and removes it on close', async () => {
    const gz = join(tmp, 'two.tar.gz');
    await writeFile(gz, gzipSync(readFileSync(twoImages)));
    const cacheDir = join(tmp, 'cache');
    const source = await openSource(`docker-archive:${gz}:alpine:3.9`, { cacheDir });
    expect((await readdir(cacheDir)).length).toBe(1);
    const { target } = await readImage(source, () => false);
    expect(target.layers.map((l) => l.diffId)).toEqual([a39.diffId]);
    await source.close();
    expect(await readdir(cacheDir)).toEqual([]);
  });
});
