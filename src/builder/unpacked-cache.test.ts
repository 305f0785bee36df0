import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readUnpacked, storeUnpacked } from './unpacked-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'cleanroom-unpacked-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const member = (name: string) => ({ name, mtime: 0, data: Buffer.alloc(0) });

describe('unpacked cache', () => {
  it('gives back what was stored, and nothing once a tar is damaged', async () => {
    const deb = 'a'.repeat(64);
    const members = {
      label: 'pool/x.deb',
      control: member('control.tar.xz'),
      data: member('data.tar.xz'),
      builtAt: 7,
    };
    await storeUnpacked(dir, deb, { members, controlTar: Buffer.from('C'), dataTar: Buffer.from('DATA') });
    const back = await readUnpacked(dir, deb, 'pool/x.deb');
    expect(back?.members).toMatchObject({ label: 'pool/x.deb', builtAt: 7, data: { name: 'data.tar.xz' } });
    expect(back?.dataTar.toString()).toBe('DATA');
    expect(await readUnpacked(dir, 'b'.repeat(64), 'y')).toBeUndefined();
    for (const name of readdirSync(join(dir, 'sha256'))) writeFileSync(join(dir, 'sha256', name), 'changed');
    expect(await readUnpacked(dir, deb, 'pool/x.deb')).toBeUndefined();
  });
});
