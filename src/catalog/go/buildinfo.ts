/**
 * The build information the Go linker writes into every binary since Go 1.13 (`go version -m`
 * prints it): a 32-byte header starting with the magic `\xff Go buildinf:`, then the Go version
 * and the module information (`path`, `mod`, `dep`, `=>`, `build` lines).
 *
 * Since Go 1.18 both strings follow the header inline, each prefixed by its length as an unsigned
 * varint (flag bit 2). Before, the header held two pointers to Go string headers elsewhere in the
 * binary, which this reader resolves through the ELF program headers. The header sits in
 * `.go.buildinfo`, found through the ELF section table; in a file without one (another format, or
 * an ELF file whose table was removed) the magic is searched in the whole file.
 */

import { findElfSection, hasElfSections } from '../elf/elf-section.js';

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER_SIZE = 32;
const FLAG_BIG_ENDIAN = 0x1;
const FLAG_INLINE = 0x2;
// the module text is framed by 16 bytes on each side so that the linker can find it
const SENTINEL = 16;

export interface RawBuildInfo {
  /** `go1.21.5`, as the toolchain wrote it */
  goVersion: string;
  /** the module lines, without their frame (empty for a binary built outside module mode) */
  modinfo: string;
}

/**
 * The build information of a binary (or of the part `buildInfoBytes` kept of it), or undefined
 * when the content holds none.
 */
export function readBuildInfo(content: Buffer): RawBuildInfo | undefined {
  // an ELF file names the section that holds it: most executables of an image are not Go's, and
  // this spares searching each of them end to end
  if (hasElfSections(content)) {
    const section = findElfSection(content, '.go.buildinfo');
    return section && readAt(content, section.byteOffset - content.byteOffset);
  }
  for (let at = content.indexOf(MAGIC); at >= 0; at = content.indexOf(MAGIC, at + 1)) {
    // a binary that uses debug/buildinfo also holds the magic as a string literal: try each
    const info = readAt(content, at);
    if (info) return info;
  }
  return undefined;
}

/**
 * The bytes worth keeping of a binary: its build information as a header in the inline form
 * followed by the two strings (some hundred bytes to a few kilobytes), or undefined. The image
 * reader keeps these instead of the whole file; `readBuildInfo` reads them back.
 */
export function buildInfoBytes(content: Buffer): Buffer | undefined {
  const info = readBuildInfo(content);
  if (!info) return undefined;
  const header = Buffer.alloc(HEADER_SIZE);
  MAGIC.copy(header);
  header[14] = 8;
  header[15] = FLAG_INLINE;
  const modinfo = info.modinfo
    ? Buffer.concat([frame(), Buffer.from(info.modinfo), frame()])
    : Buffer.alloc(0);
  return Buffer.concat([header, ...lengthPrefixed(Buffer.from(info.goVersion)), ...lengthPrefixed(modinfo)]);
}

function frame(): Buffer {
  // the frame's content is not read back, only its size and the newline before the closing one
  return Buffer.alloc(SENTINEL);
}

function lengthPrefixed(bytes: Buffer): Buffer[] {
  const prefix: number[] = [];
  let n = bytes.length;
  while (n >= 0x80) {
    prefix.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  prefix.push(n);
  return [Buffer.from(prefix), bytes];
}

function readAt(content: Buffer, at: number): RawBuildInfo | undefined {
  if (at + HEADER_SIZE > content.length) return undefined;
  const pointerSize = content[at + 14]!;
  const flags = content[at + 15]!;
  if (pointerSize !== 4 && pointerSize !== 8) return undefined;
  let version: Buffer | undefined;
  let modinfo: Buffer | undefined;
  if (flags & FLAG_INLINE) {
    const first = varString(content, at + HEADER_SIZE);
    const second = first && varString(content, first.end);
    version = first?.bytes;
    modinfo = second?.bytes;
  } else {
    const big = (flags & FLAG_BIG_ENDIAN) !== 0;
    const read = (offset: number) => readPointer(content, offset, pointerSize, big);
    version = goString(content, read(at + 16), pointerSize, big);
    modinfo = goString(content, read(at + 16 + pointerSize), pointerSize, big);
  }
  if (!version || !modinfo) return undefined;
  const goVersion = version.toString('utf8');
  if (!/^(go|devel )\S/.test(goVersion)) return undefined;
  return { goVersion, modinfo: unframe(modinfo).toString('utf8') };
}

function unframe(modinfo: Buffer): Buffer {
  const n = modinfo.length;
  if (n >= 2 * SENTINEL + 1 && modinfo[n - SENTINEL - 1] === 0x0a)
    return modinfo.subarray(SENTINEL, n - SENTINEL);
  return Buffer.alloc(0);
}

/** An unsigned-varint-prefixed string at `offset`, and where it ends. */
function varString(content: Buffer, offset: number): { bytes: Buffer; end: number } | undefined {
  let length = 0;
  let shift = 0;
  let at = offset;
  for (;;) {
    if (at >= content.length || shift > 28) return undefined;
    const byte = content[at++]!;
    length |= (byte & 0x7f) << shift;
    if (byte < 0x80) break;
    shift += 7;
  }
  if (at + length > content.length) return undefined;
  return { bytes: content.subarray(at, at + length), end: at + length };
}

function readPointer(content: Buffer, offset: number, size: number, big: boolean): number | undefined {
  if (offset + size > content.length) return undefined;
  if (size === 4) return big ? content.readUInt32BE(offset) : content.readUInt32LE(offset);
  const value = big ? content.readBigUInt64BE(offset) : content.readBigUInt64LE(offset);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}

/** A Go string header (data pointer, length) at virtual address `address`, resolved in an ELF file. */
function goString(
  content: Buffer,
  address: number | undefined,
  size: number,
  big: boolean,
): Buffer | undefined {
  const header = address === undefined ? undefined : elfOffset(content, address);
  if (header === undefined) return undefined;
  const data = readPointer(content, header, size, big);
  const length = readPointer(content, header + size, size, big);
  const start = data === undefined ? undefined : elfOffset(content, data);
  if (start === undefined || length === undefined || start + length > content.length) return undefined;
  return content.subarray(start, start + length);
}

/** The file offset of a virtual address, through the PT_LOAD program headers of an ELF file. */
function elfOffset(content: Buffer, address: number): number | undefined {
  if (content.length < 52 || content.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = content[4] === 2;
  const big = content[5] === 2;
  const u16 = (o: number) => (big ? content.readUInt16BE(o) : content.readUInt16LE(o));
  const u32 = (o: number) => (big ? content.readUInt32BE(o) : content.readUInt32LE(o));
  const word = (o: number) => (is64 ? readPointer(content, o, 8, big) : u32(o));
  const phoff = word(is64 ? 32 : 28);
  const phentsize = u16(is64 ? 54 : 42);
  const phnum = u16(is64 ? 56 : 44);
  if (phoff === undefined) return undefined;
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    if (ph + (is64 ? 56 : 32) > content.length || u32(ph) !== 1) continue; // PT_LOAD
    const offset = word(is64 ? ph + 8 : ph + 4);
    const vaddr = word(is64 ? ph + 16 : ph + 8);
    const filesz = word(is64 ? ph + 32 : ph + 16);
    if (offset === undefined || vaddr === undefined || filesz === undefined) continue;
    if (address >= vaddr && address < vaddr + filesz) return offset + (address - vaddr);
  }
  return undefined;
}
