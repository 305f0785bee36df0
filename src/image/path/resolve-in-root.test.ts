/** Chroot-style resolution over a tiny in-memory tree, and tar entry name normalisation. */
import { describe, expect, it } from 'vitest';
import { normalizeEntryName } from './normalize-entry.js';
import { resolveInRoot, type LinkInfo } from './resolve-in-root.js';

const tree: Record<string, LinkInfo> = {
  '/etc': { type: 'dir' },
  '/etc/os-release': { type: 'symlink', linkTarget: '../usr/lib/os-release' },
  '/usr': { type: 'dir' },
  '/usr/lib': { type: 'dir' },
  '/usr/lib/os-release': { type: 'file' },
  '/lib': { type: 'symlink', linkTarget: 'usr/lib' },
  '/x': { type: 'symlink', linkTarget: '/x' },
  '/f': { type: 'file' },
};
const lstat = (p: string): LinkInfo | undefined => tree[p];

describe('resolveInRoot', () => {
  it('follows links in every component, chroot style', async () => {
    expect(await resolveInRoot('/etc/os-release', lstat, true)).toBe('/usr/lib/os-release');
    expect(await resolveInRoot('/etc/os-release', lstat, false)).toBe('/etc/os-release');
    expect(await resolveInRoot('/lib/os-release', lstat, false)).toBe('/usr/lib/os-release');
    expect(await resolveInRoot('/../../../etc/./os-release', lstat, true)).toBe('/usr/lib/os-release');
  });
  it('is undefined for missing paths and files used as folders; throws on loops', async () => {
    expect(await resolveInRoot('/nope', lstat, true)).toBeUndefined();
    expect(await resolveInRoot('/f/g', lstat, true)).toBeUndefined();
    await expect(resolveInRoot('/x', lstat, true)).rejects.toThrow(/symlinks/);
  });
});

describe('normalizeEntryName', () => {
  it('normalises relative names and refuses escaping or absolute ones', () => {
    expect(normalizeEntryName('./etc/os-release')).toEqual({ path: '/etc/os-release' });
    expect(normalizeEntryName('usr/lib/')).toEqual({ path: '/usr/lib' });
    expect(normalizeEntryName('a/../b')).toEqual({ path: '/b' });
    expect(normalizeEntryName('/')).toEqual({ path: '/' });
    expect(normalizeEntryName('a/../../b')).toEqual({ problem: 'escapes-root' });
    expect(normalizeEntryName('/etc/passwd')).toEqual({ problem: 'absolute' });
  });
});
