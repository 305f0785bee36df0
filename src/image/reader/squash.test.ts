/**
 * A three-layer image written by the test: add, overwrite, delete by whiteout, an opaque folder,
 * hard links, a symlink climbing above the root. The file list is checked against umoci's own
 * unpacking of the same layout (an independent implementation of the layer rules); layers and
 * history against what the test wrote.
 */
import { execFileSync } from 'node:child_process';
import { lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTar, writeLayout, type WrittenImage } from '../__fixtures__/build-layout.js';
import { openSource } from '../sources.js';
import type { ImageRead } from './read-image.js';
import { readImage } from './read-image.js';
import { readLayer } from './read-layer.js';

const OS_RELEASE = 'ID=cleanroom-test\nVERSION_ID=42\nNAME="not the host"\n';
let dir: string;
let img: WrittenImage;
let read: ImageRead;

async function listHostTree(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(join(root, rel))).sort()) {
    const path = `${rel}/${name}`;
    const st = await lstat(join(root, path));
    out.push(`${path} ${st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : 'file'}`);
    if (st.isDirectory()) out.push(...(await listHostTree(root, path)));
  }
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cleanroom-squash-'));
  const layers = [
    await makeTar([
      { name: 'etc/', type: 'directory' },
      { name: 'etc/os-release', content: OS_RELEASE },
      { name: 'etc/keep.txt', content: 'keep' },
      { name: 'etc/overwrite.txt', content: 'v1' },
      { name: 'etc/delete-me.txt', content: 'gone' },
      { name: 'opt/old/a.txt', content: 'a' },
      { name: 'opt/old/sub/b.txt', content: 'b' },
      { name: 'srv/data/file', content: 'data' },
      { name: 'usr/bin/tool', content: 'tool-bytes' },
    ]),
    await makeTar([
      { name: 'etc/overwrite.txt', content: 'v2' },
      { name: 'etc/.wh.delete-me.txt' },
      { name: 'opt/old/new.txt', content: 'new' },
      { name: 'opt/old/.wh..wh..opq' }, // after the new entry: order in the tar must not matter
      { name: 'usr/bin/tool-link', type: 'link', linkname: 'usr/bin/tool' },
      { name: 'a/b/climb', type: 'symlink', linkname: '../../../etc/os-release' },
    ]),
    await makeTar([
      { name: './etc/overwrite.txt', content: 'v3' },
      { name: '.wh.srv' },
      { name: 'usr/share/x', content: 'xx' },
      { name: 'usr/share/x-link', type: 'link', linkname: 'usr/share/x' },
      { name: 'loop/a', type: 'symlink', linkname: 'b' },
      { name: 'loop/b', type: 'symlink', linkname: '/loop/a' },
    ]),
  ];
  img = await writeLayout(dir + '/layout', { layers, createdBy: ['add', 'change', 'more'] });
  // /etc/os-release itself is not wanted: the climbing link's target is fetched after the squash.
  const wanted = new Set(['/etc/overwrite.txt', '/a/b/climb', '/usr/bin/tool-link', '/usr/share/x-link']);
  const source = await openSource(join(dir, 'layout'));
  read = await readImage(source, (p) => wanted.has(p));
  await source.close();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('squashed view of a three-layer image', () => {
  it('lists exactly the files umoci unpacks from the same layout', async () => {
    execFileSync(
      'umoci',
      ['raw', 'unpack', '--rootless', '--image', `${dir}/layout:latest`, `${dir}/rootfs`],
      { stdio: 'ignore' },
    );
    const expected = await listHostTree(join(dir, 'rootfs'));
    const got: string[] = [];
    for await (const info of read.view.walk()) got.push(`${info.path} ${info.type}`);
    expect(expected).toContain('/opt/old/new.txt file');
    expect(got).toEqual(expected);
    expect(got).not.toContain('/etc/delete-me.txt file');
    expect(got).not.toContain('/opt/old/a.txt file');
  });

  it('attributes every file to the layer that last wrote it', async () => {
    const [l0, l1, l2] = img.diffIds;
    const layerOf = async (p: string): Promise<string | undefined> => (await read.view.lstat(p))?.layer;
    expect(await layerOf('/etc/keep.txt')).toBe(l0);
    expect(await layerOf('/etc/os-release')).toBe(l0);
    expect(await layerOf('/opt/old/new.txt')).toBe(l1);
    expect(await layerOf('/usr/bin/tool-link')).toBe(l1);
    expect(await layerOf('/a/b/climb')).toBe(l1);
    expect(await layerOf('/etc/overwrite.txt')).toBe(l2);
    expect(await layerOf('/usr/share/x-link')).toBe(l2);
    expect(await read.view.readDir('/opt/old')).toEqual(['new.txt']);
    expect(await read.view.stat('/srv')).toBeUndefined();
  });

  it('keeps every version of a wanted file for history()', async () => {
    const history = await read.view.history('/etc/overwrite.txt');
    expect(history.map((v) => [v.layer, v.content.toString()])).toEqual([
      [img.diffIds[0], 'v1'],
      [img.diffIds[1], 'v2'],
      [img.diffIds[2], 'v3'],
    ]);
    expect((await read.view.readFile('/etc/overwrite.txt')).toString()).toBe('v3');
  });

  it('resolves a symlink climbing above the root inside the image, never on the host', async () => {
    expect((await read.view.stat('/a/b/climb'))?.path).toBe('/etc/os-release');
    expect((await read.view.readFile('/a/b/climb')).toString()).toBe(OS_RELEASE);
  });

  it('detects symlink loops: absent for stat, an error for readFile', async () => {
    expect(await read.view.stat('/loop/a')).toBeUndefined();
    await expect(read.view.readFile('/loop/a')).rejects.toThrow(/more than 40 symlinks/);
  });

  it('gives hard links the content of their target, in a lower layer or the same one', async () => {
    expect((await read.view.readFile('/usr/bin/tool-link')).toString()).toBe('tool-bytes');
    expect((await read.view.readFile('/usr/share/x-link')).toString()).toBe('xx');
    await expect(read.view.readFile('/usr/bin/tool')).rejects.toThrow(/not retained/);
  });

  it('describes the target: layers, digests, created-by, platform', () => {
    expect(read.target.source).toBe('oci-dir');
    expect(read.target.digest).toBe(img.manifestDigest);
    expect(read.target.platform).toBe('linux/amd64');
    expect(read.target.created).toBe('2024-01-02T03:04:05Z');
    expect(read.target.layers.map((l) => [l.digest, l.diffId, l.createdBy])).toEqual(
      img.diffIds.map((d, i) => [img.blobDigests[i], d, ['add', 'change', 'more'][i]]),
    );
  });
});

describe('single-layer view', () => {
  it('shows only what one layer wrote, hard links to lower layers as warnings', async () => {
    const source = await openSource(join(dir, 'layout'));
    if (source.kind !== 'image') throw new Error('expected an image');
    const { view, warnings } = await readLayer(source, 1, (p) => p === '/etc/overwrite.txt');
    await source.close();
    const got: string[] = [];
    for await (const info of view.walk()) if (info.type !== 'dir') got.push(`${info.path} ${info.layer}`);
    expect(got).toEqual(
      ['/a/b/climb', '/etc/overwrite.txt', '/opt/old/new.txt', '/usr/bin/tool-link'].map(
        (p) => `${p} ${img.diffIds[1]}`,
      ),
    );
    expect((await view.readFile('/etc/overwrite.txt')).toString()).toBe('v2');
    expect(warnings.map((w) => w.message)).toEqual([
      'hard link /usr/bin/tool-link points to /usr/bin/tool, which a lower layer holds',
    ]);
  });
});

describe('reduced files', () => {
  it('keeps of a file only the part its reducer returns, by the mode of the entry', async () => {
    const layout = join(dir, 'reduced');
    await writeLayout(layout, {
      layers: [
        await makeTar([
          { name: 'bin/prog', content: 'header SECRET-PART trailer', mode: 0o755 },
          { name: 'bin/script', content: '#!/bin/sh\n', mode: 0o755 },
          { name: 'etc/data', content: 'SECRET-PART but not executable', mode: 0o644 },
        ]),
      ],
    });
    const seen: string[] = [];
    const source = await openSource(layout);
    const { view } = await readImage(source, (path, mode) =>
      mode & 0o111
        ? (content) => {
            seen.push(path);
            const at = content.indexOf('SECRET-PART');
            return at < 0 ? undefined : Buffer.from(content.subarray(at, at + 11));
          }
        : false,
    );
    await source.close();
    expect(seen.sort()).toEqual(['/bin/prog', '/bin/script']);
    expect((await view.readFile('/bin/prog')).toString()).toBe('SECRET-PART');
    expect((await view.history('/bin/prog')).map((v) => v.content.toString())).toEqual(['SECRET-PART']);
    expect((await view.readFile('/bin/script')).length).toBe(0);
    await expect(view.readFile('/etc/data')).rejects.toThrow(/not retained/);
  });
});
