/**
 * An index of a tar file (entry name → offset and size), built by reading only the 512-byte
 * headers and seeking over the content. `docker save` may write manifest.json after the layers,
 * so an archive is indexed once and its members are then read in any order straight from the file,
 * never extracted. Reads ustar, GNU long names (`L`) and pax `path` records (POSIX pax format).
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { normalizeEntryName } from '../path/normalize-entry.js';

export interface TarMember {
  offset: number;
  size: number;
  type: 'file' | 'dir' | 'other';
}

/** Thrown when the tar's headers are not readable; the caller names the file. */
export class TarFormatError extends Error {}

function octal(block: Buffer, start: number, length: number): number {
  const first = block[start] ?? 0;
  if (first & 0x80) {
    // GNU base-256 for sizes past 8 GiB.
    let value = 0;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + (block[i] ?? 0);
    return value;
  }
  const text = block
    .toString('latin1', start, start + length)
    .replace(/\0.*$/s, '')
    .trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError('invalid size field');
  return parseInt(text, 8);
}

function cString(block: Buffer, start: number, length: number): string {
  const end = block.indexOf(0, start);
  return block.toString('utf8', start, end === -1 || end > start + length ? start + length : end);
}

// Some old tars summed the header as signed bytes; accept either sum, as GNU tar does.
function checksumOk(block: Buffer): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < 512; i++) {
    const b = i >= 148 && i < 156 ? 32 : (block[i] ?? 0);
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  const stored = octal(block, 148, 8);
  return stored === unsigned || stored === signed;
}

function paxPath(data: Buffer): string | undefined {
  for (const line of data.toString('utf8').split('\n')) {
    const m = /^\d+ path=(.*)$/s.exec(line);
    if (m?.[1] !== undefined) return m[1];
  }
  return undefined;
}

async function readAt(fh: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, offset);
  return buf.subarray(0, bytesRead);
}

/** Indexes the tar at `file` by normalised member path (`manifest.json`, `blobs/sha256/…`). */
export async function indexTar(file: string): Promise<Map<string, TarMember>> {
  const members = new Map<string, TarMember>();
  const fh = await open(file, 'r');
  try {
    let offset = 0;
    let longName: string | undefined;
    for (;;) {
      const block = await readAt(fh, offset, 512);
      if (block.length < 512) {
        if (block.length === 0 && members.size > 0) break;
        throw new TarFormatError('it ends in the middle of a header');
      }
      if (block.every((b) => b === 0)) break;
      if (!checksumOk(block)) throw new TarFormatError('a header checksum is wrong');
      const size = octal(block, 124, 12);
      const flag = String.fromCharCode(block[156] ?? 48);
      const dataOffset = offset + 512;
      offset = dataOffset + Math.ceil(size / 512) * 512;
      if (flag === 'L' || flag === 'x') {
        const data = await readAt(fh, dataOffset, size);
        longName = flag === 'L' ? cString(data, 0, size) : (paxPath(data) ?? longName);
        continue;
      }
      if (flag === 'g') continue;
      const ustar = block.toString('latin1', 257, 262) === 'ustar';
      const prefix = ustar ? cString(block, 345, 155) : '';
      const name =
        longName ?? (prefix !== '' ? `${prefix}/${cString(block, 0, 100)}` : cString(block, 0, 100));
      longName = undefined;
      const normal = normalizeEntryName(name);
      if (!('path' in normal)) continue;
      const type = flag === '0' || flag === '\0' || flag === '7' ? 'file' : flag === '5' ? 'dir' : 'other';
      members.set(normal.path.slice(1), { offset: dataOffset, size, type });
    }
  } finally {
    await fh.close();
  }
  return members;
}
