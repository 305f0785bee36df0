import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { xzDecompressMany } from './decompress.js';
import { xzUncompressedSize } from './xz-index.js';

const hasXz = spawnSync('which', ['xz']).status === 0;
const xz = (data: Buffer, ...args: string[]) => execFileSync('xz', ['-c', ...args], { input: data });

describe.skipIf(!hasXz)('xz indexes', () => {
  const texts = [
    Buffer.from('a'.repeat(100_000)),
    randomBytes(70_000),
    Buffer.alloc(0),
    Buffer.from('hello\n'),
  ];

  it('give the uncompressed size of single, multi-block and concatenated streams', () => {
    for (const t of texts) expect(xzUncompressedSize(xz(t))).toBe(t.length);
    const blocks = xz(Buffer.concat(texts), '--block-size=20000');
    expect(xzUncompressedSize(blocks)).toBe(Buffer.concat(texts).length);
    const two = Buffer.concat([xz(texts[0]!), xz(texts[1]!), Buffer.alloc(8)]);
    expect(xzUncompressedSize(two)).toBe(texts[0]!.length + texts[1]!.length);
    expect(() => xzUncompressedSize(Buffer.from('not xz at all, not at all'))).toThrow(/not an xz stream/);
  });

  it('let one xz process decompress many files', async () => {
    const parts = await xzDecompressMany(texts.map((t, i) => ({ data: xz(t), label: `t${i}` })));
    expect(parts.map((p, i) => p.equals(texts[i]!))).toEqual([true, true, true, true]);
  });
});
