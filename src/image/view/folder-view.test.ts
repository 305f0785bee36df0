/**
 * The folder view never leaves its root: links that climb or point to absolute paths resolve
 * inside it, as in a chroot. The host's /etc/os-release must never be what we read.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage } from '../reader/read-image.js';
import { openSource } from '../sources.js';
import { FolderView } from './folder-view.js';

const OS_RELEASE = 'ID=folder-test\nNAME="inside the root"\n';
let root: string;
let outside: string;
let view: FolderView;

beforeAll(async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'cleanroom-folder-'));
  root = join(tmp, 'root');
  outside = join(tmp, 'secret.txt');
  await writeFile(outside, 'host secret');
  await mkdir(join(root, 'etc'), { recursive: true });
  await mkdir(join(root, 'usr/lib'), { recursive: true });
  await mkdir(join(root, 'a/b'), { recursive: true });
  await writeFile(join(root, 'usr/lib/os-release'), OS_RELEASE);
  await symlink('../usr/lib/os-release', join(root, 'etc/os-release'));
  await symlink('../../../../../../etc/os-release', join(root, 'a/b/climb'));
  await symlink('/etc/os-release', join(root, 'a/abs'));
  await symlink('/usr', join(root, 'a/usr-dir'));
  await symlink(outside, join(root, 'a/host-file'));
  await symlink('loop2', join(root, 'a/loop1'));
  await symlink('loop1', join(root, 'a/loop2'));
  view = new FolderView(root);
});
afterAll(async () => {
  await rm(join(root, '..'), { recursive: true, force: true });
});

describe('FolderView', () => {
  it('resolves climbing and absolute links inside the root', async () => {
    for (const p of [
      '/etc/os-release',
      '/a/b/climb',
      '/a/abs',
      '/a/usr-dir/lib/os-release',
      '/../../etc/os-release',
    ]) {
      expect((await view.readFile(p)).toString()).toBe(OS_RELEASE);
    }
    expect((await view.stat('/a/b/climb'))?.path).toBe('/usr/lib/os-release');
  });

  it('never reads a host file a link names', async () => {
    expect(await view.stat('/a/host-file')).toBeUndefined();
    await expect(view.readFile('/a/host-file')).rejects.toThrow();
    expect((await view.lstat('/a/host-file'))?.linkTarget).toBe(outside);
  });

  it('detects loops', async () => {
    await expect(view.readFile('/a/loop1')).rejects.toThrow(/more than 40 symlinks/);
    expect(await view.stat('/a/loop1')).toBeUndefined();
    expect((await view.lstat('/a/loop1'))?.type).toBe('symlink');
  });

  it('walks, lists folders and gives one history version with layer ""', async () => {
    const paths: string[] = [];
    for await (const info of view.walk()) paths.push(info.path);
    expect(paths).toContain('/usr/lib/os-release');
    expect(paths).toContain('/a/b/climb');
    expect(await view.readDir('/etc')).toEqual(['os-release']);
    const history = await view.history('/etc/os-release');
    expect(history.map((v) => [v.layer, v.content.toString()])).toEqual([['', OS_RELEASE]]);
  });

  it('is what readImage returns for a dir: source', async () => {
    const source = await openSource(`dir:${root}`);
    const { view: v, target } = await readImage(source, () => true);
    expect(target).toEqual({ reference: `dir:${root}`, source: 'dir', tags: [], layers: [] });
    expect((await v.readFile('/a/b/climb')).toString()).toBe(OS_RELEASE);
  });
});
