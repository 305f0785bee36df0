/**
 * Reads one named section of an ELF file through its section header table (the System V gABI,
 * "Sections"): 32- or 64-bit, little- or big-endian. Stripping keeps the table and every section
 * that is not debug or symbol information, so this works on stripped binaries too. Anything that
 * does not add up (not ELF, a table or name past the end of the file, a section without file
 * content) reads as "no such section": a truncated or foreign file is not an error here.
 */

const ELF_MAGIC = 0x7f454c46;
const SHT_NOBITS = 8; // a section that occupies no file space (.bss)
const SHN_UNDEF = 0;
const SHN_XINDEX = 0xffff; // e_shstrndx escape: the real index is in section 0's sh_link

interface Layout {
  is64: boolean;
  u16(offset: number): number;
  u32(offset: number): number;
  /** a 32- or 64-bit file word, undefined when it does not fit in a safe integer */
  word(offset: number): number | undefined;
}

/** Whether the content is an ELF file with a section header table (most are; packed ones are not). */
export function hasElfSections(content: Buffer): boolean {
  const layout = elfLayout(content);
  if (!layout) return false;
  return !!layout.word(layout.is64 ? 0x28 : 0x20) && layout.u16(layout.is64 ? 0x3c : 0x30) > 0;
}

/** The content of the section called `name` in an ELF file, or undefined when there is none. */
export function findElfSection(content: Buffer, name: string): Buffer | undefined {
  const layout = elfLayout(content);
  if (!layout) return undefined;
  const { is64, u16, u32, word } = layout;
  const shoff = word(is64 ? 0x28 : 0x20);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  let shnum = u16(is64 ? 0x3c : 0x30);
  let shstrndx = u16(is64 ? 0x3e : 0x32);
  const entrySize = is64 ? 64 : 40;
  if (!shoff || shentsize < entrySize) return undefined;
  const header = (index: number) => {
    const at = shoff + index * shentsize;
    return at + entrySize <= content.length ? at : undefined;
  };
  // more than 0xff00 sections: the counts live in the first (otherwise empty) section header
  const first = header(0);
  if (first === undefined) return undefined;
  if (shnum === 0) shnum = word(first + (is64 ? 32 : 20)) ?? 0;
  if (shstrndx === SHN_XINDEX) shstrndx = u32(first + (is64 ? 40 : 24));
  if (shstrndx === SHN_UNDEF || shstrndx >= shnum) return undefined;
  const names = sectionData(content, layout, header(shstrndx));
  if (!names) return undefined;
  const wanted = Buffer.from(name + '\0', 'latin1');
  for (let i = 1; i < shnum; i++) {
    const at = header(i);
    if (at === undefined) return undefined;
    const nameAt = u32(at);
    if (names.subarray(nameAt, nameAt + wanted.length).equals(wanted))
      return sectionData(content, layout, at);
  }
  return undefined;
}

/** Readers for the file's class and byte order, or undefined when it is not an ELF file. */
function elfLayout(content: Buffer): Layout | undefined {
  if (content.length < 52 || content.readUInt32BE(0) !== ELF_MAGIC) return undefined;
  const elfClass = content[4];
  const data = content[5];
  if ((elfClass !== 1 && elfClass !== 2) || (data !== 1 && data !== 2)) return undefined;
  const is64 = elfClass === 2;
  if (is64 && content.length < 64) return undefined;
  const big = data === 2;
  const u32 = (o: number) => (big ? content.readUInt32BE(o) : content.readUInt32LE(o));
  return {
    is64,
    u16: (o) => (big ? content.readUInt16BE(o) : content.readUInt16LE(o)),
    u32,
    word: (o) => {
      if (!is64) return u32(o);
      const value = big ? content.readBigUInt64BE(o) : content.readBigUInt64LE(o);
      return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
    },
  };
}

/** The file bytes a section header at `at` describes, when they lie inside the file. */
function sectionData(content: Buffer, layout: Layout, at: number | undefined): Buffer | undefined {
  if (at === undefined) return undefined;
  const { is64, u32, word } = layout;
  if (u32(at + 4) === SHT_NOBITS) return undefined;
  const offset = word(at + (is64 ? 24 : 16));
  const size = word(at + (is64 ? 32 : 20));
  if (offset === undefined || size === undefined || offset + size > content.length) return undefined;
  return content.subarray(offset, offset + size);
}
