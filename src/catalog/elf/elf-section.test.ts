import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpSection, elfObject } from '../rust/__fixtures__/build-rust-program.js';
import { findElfSection } from './elf-section.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cleanroom-elf-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

// every class and byte order binutils can write here, whatever the build machine
const TARGETS = ['elf32-little', 'elf32-big', 'elf64-little', 'elf64-big'];

describe('findElfSection', () => {
  it.each(TARGETS)('reads a section of an %s file as binutils does', (target) => {
    const data = randomBytes(300);
    const file = elfObject(target, data, join(work, target));
    const content = readFileSync(file);
    expect(content[4]).toBe(target.startsWith('elf32') ? 1 : 2); // the class objcopy wrote
    expect(content[5]).toBe(target.endsWith('big') ? 2 : 1); // and the byte order
    expect(dumpSection(file, '.dep-v0', target)).toEqual(data);
    expect(findElfSection(content, '.dep-v0')).toEqual(data);
    // the other section, `.data`, holds the same raw file: found by its own name too
    expect(findElfSection(content, '.data')).toEqual(data);
  });

  it('matches whole names only', () => {
    const data = randomBytes(64);
    const file = elfObject('elf64-little', data, join(work, 'longer'), '.dep-v0.extra');
    const content = readFileSync(file);
    expect(findElfSection(content, '.dep-v0.extra')).toEqual(data);
    expect(findElfSection(content, '.dep-v0')).toBeUndefined();
    expect(findElfSection(content, '.dep')).toBeUndefined();
  });

  it('finds nothing, without throwing, in what is not a whole ELF file', () => {
    const file = readFileSync(elfObject('elf64-big', randomBytes(200), join(work, 'cut')));
    const damaged = [
      Buffer.alloc(0),
      Buffer.from('\x7fELF', 'latin1'),
      randomBytes(4096),
      Buffer.concat([Buffer.from('\x7fELF\x02\x01', 'latin1'), randomBytes(4000)]),
      Buffer.concat([Buffer.from('\x7fELF\x01\x02', 'latin1'), Buffer.alloc(4000, 0xff)]),
    ];
    // every cut of a real file: the section table sits at the end, so a cut loses it
    for (let length = 0; length < file.length; length += 7) damaged.push(file.subarray(0, length));
    for (const content of damaged) expect(findElfSection(content, '.dep-v0')).toBeUndefined();
  });

  it('finds nothing when the section table points past the end of the file', () => {
    const content = Buffer.from(readFileSync(elfObject('elf32-little', randomBytes(50), join(work, 'far'))));
    content.writeUInt32LE(content.length + 1000, 0x20); // e_shoff
    expect(findElfSection(content, '.dep-v0')).toBeUndefined();
  });

  it('finds nothing when a section says it is longer than the file', () => {
    const file = elfObject('elf64-little', randomBytes(50), join(work, 'long'));
    const content = Buffer.from(readFileSync(file));
    // where the section's header is, as readelf tells it
    const header = execFileSync('readelf', ['-h', file], { encoding: 'utf8' });
    const shoff = Number(/Start of section headers:\s+(\d+)/.exec(header)![1]);
    const entsize = Number(/Size of section headers:\s+(\d+)/.exec(header)![1]);
    const sections = execFileSync('readelf', ['-S', '-W', file], { encoding: 'utf8' });
    const index = Number(/\[\s*(\d+)\]\s+\.dep-v0\s/.exec(sections)![1]);
    const sizeField = shoff + index * entsize + 32; // sh_size of a 64-bit section header
    expect(content.readBigUInt64LE(sizeField)).toBe(50n);
    expect(findElfSection(content, '.dep-v0')).toHaveLength(50);
    content.writeBigUInt64LE(BigInt(content.length), sizeField);
    expect(findElfSection(content, '.dep-v0')).toBeUndefined();
  });
});
