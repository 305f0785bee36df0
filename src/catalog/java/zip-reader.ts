import { inflateRawSync } from 'node:zlib';

/**
 * A small synchronous reader of ZIP archives held in memory (PKWARE APPNOTE 6.3.x), enough for jar,
 * war and ear files: the end of central directory record (4.3.16), the zip64 one where the 32-bit
 * fields overflow (4.3.14, 4.3.15, 4.5.3), the central directory (4.3.12) and the local headers
 * (4.3.7) in front of each entry's data. Only stored (0) and deflated (8) entries are read.
 *
 * Offsets are taken relative to where the central directory really is rather than to the start of
 * the buffer, so an archive with bytes prepended (Spring Boot's "fully executable" jars start with
 * a shell script) reads as well. Nothing here throws on malformed input: it answers undefined.
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** where the entry's local header starts in the buffer (already corrected for prepended bytes) */
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

/** The entries of a ZIP archive, or undefined when the buffer is not one (or is cut short). */
export function listZipEntries(buf: Buffer): ZipEntry[] | undefined {
  const eocd = findEndRecord(buf);
  if (eocd < 0) return undefined;
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  let cdEnd = eocd;
  if (count === MAX16 || cdSize === MAX32 || cdOffset === MAX32) {
    const z = zip64End(buf, eocd);
    if (!z) return undefined;
    ({ count, cdSize, cdOffset, at: cdEnd } = z);
  }
  const cdStart = cdEnd - cdSize;
  if (cdStart < 0) return undefined;
  const shift = cdStart - cdOffset;
  const entries: ZipEntry[] = [];
  let at = cdStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cdEnd || buf.readUInt32LE(at) !== CENTRAL) return undefined;
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > cdEnd) return undefined;
    const sizes = {
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
    };
    widenZip64(buf.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), sizes);
    entries.push({
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
      method: buf.readUInt16LE(at + 10),
      ...sizes,
      localOffset: sizes.localOffset + shift,
    });
    at = next;
  }
  return entries;
}

/**
 * The content of one entry, or undefined when it is damaged, uses another compression method, or
 * would inflate beyond `maxBytes` (a zip bomb costs at most that much memory, briefly).
 */
export function readZipEntry(buf: Buffer, entry: ZipEntry, maxBytes: number): Buffer | undefined {
  const at = entry.localOffset;
  if (at < 0 || at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) return undefined;
  // the local header's own name and extra lengths may differ from the central directory's
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length || entry.size > maxBytes) return undefined;
  const data = buf.subarray(start, end);
  if (entry.method === 0) return data;
  if (entry.method !== 8) return undefined;
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });
  } catch {
    return undefined; // corrupt data, or more than maxBytes whatever the header claimed
  }
}

function findEndRecord(buf: Buffer): number {
  // the record is 22 bytes followed by a comment of at most 65,535 bytes
  const lowest = Math.max(0, buf.length - 22 - MAX16);
  for (let at = buf.length - 22; at >= lowest; at--) {
    if (buf.readUInt32LE(at) !== EOCD) continue;
    if (at + 22 + buf.readUInt16LE(at + 20) <= buf.length) return at;
  }
  return -1;
}

function zip64End(buf: Buffer, eocd: number) {
  const locator = eocd - 20;
  if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR) return undefined;
  // the record sits right before its locator; its recorded offset would ignore prepended bytes
  const recordSize = 56;
  const at = locator - recordSize;
  if (at < 0 || buf.readUInt32LE(at) !== ZIP64_EOCD) return undefined;
  const count = Number(buf.readBigUInt64LE(at + 32));
  const cdSize = Number(buf.readBigUInt64LE(at + 40));
  const cdOffset = Number(buf.readBigUInt64LE(at + 48));
  if (!Number.isSafeInteger(count) || !Number.isSafeInteger(cdSize)) return undefined;
  return { count, cdSize, cdOffset, at };
}

/** Replaces the 32-bit fields set to 0xFFFFFFFF by the values of the zip64 extra field (4.5.3). */
function widenZip64(
  extra: Buffer,
  sizes: { compressedSize: number; size: number; localOffset: number },
): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const take = () => {
        if (field + 8 > at + 4 + length || field + 8 > extra.length) return MAX32;
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      // the fields appear in this order, each only when its 32-bit counterpart overflowed
      if (sizes.size === MAX32) sizes.size = take();
      if (sizes.compressedSize === MAX32) sizes.compressedSize = take();
      if (sizes.localOffset === MAX32) sizes.localOffset = take();
      return;
    }
    at += 4 + length;
  }
}
