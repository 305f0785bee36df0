/**
 * A minimal ZIP writer for tests, written from the APPNOTE independently of the reader under test:
 * local headers, stored (or caller-deflated) data, a central directory and its end record.
 */
import { deflateRawSync } from 'node:zlib';

export interface ZipInput {
  name: string;
  content: Buffer | string;
  /** deflate the entry (method 8) instead of storing it */
  deflate?: boolean;
  /** the uncompressed size to write in the headers instead of the true one (a lying zip bomb) */
  claimSize?: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO 3309), as ZIP entries carry it. */
export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// a test may put one 100 MB buffer in several archives: compute its CRC and deflate once
const cache = new WeakMap<Buffer, { crc: number; deflated?: Buffer }>();

function prepared(raw: Buffer, deflate: boolean): { crc: number; data: Buffer } {
  const known = cache.get(raw) ?? { crc: crc32(raw) };
  if (deflate) known.deflated ??= deflateRawSync(raw);
  cache.set(raw, known);
  return { crc: known.crc, data: deflate ? known.deflated! : raw };
}

/** A ZIP archive holding the given entries, in order. */
export function writeZip(entries: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const raw = typeof entry.content === 'string' ? Buffer.from(entry.content) : entry.content;
    const { crc, data } = prepared(raw, entry.deflate ?? false);
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed
    common.writeUInt16LE(0x0800, 2); // names in UTF-8
    common.writeUInt16LE(entry.deflate ? 8 : 0, 4);
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(data.length, 14);
    common.writeUInt32LE(entry.claimSize ?? raw.length, 18);
    common.writeUInt16LE(name.length, 22);
    const local = Buffer.concat([u32(0x04034b50), common, name, data]);
    // made-by, the local header's fields, then comment length, disk, attributes (zero), offset
    centrals.push(Buffer.concat([u32(0x02014b50), u16(20), common, Buffer.alloc(10), u32(offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
