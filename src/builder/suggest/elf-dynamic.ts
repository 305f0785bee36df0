/**
 * What an ELF file asks of the dynamic loader (System V gABI, "Dynamic Section"): the program
 * interpreter (`.interp`), the `DT_NEEDED` libraries and the `DT_RPATH` / `DT_RUNPATH` search
 * paths, read through the sections `.interp`, `.dynamic` and `.dynstr` (kept by strip). A static
 * program has none of them. Anything that does not add up reads as "not dynamic".
 */
import { findElfSection, hasElfSections } from '../../catalog/elf/elf-section.js';

const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_RPATH = 15;
const DT_RUNPATH = 29;

/** The dynamic needs of one ELF file. */
export interface ElfDynamic {
  /** the program interpreter, e.g. /lib64/ld-linux-x86-64.so.2; absent in a shared library or static program */
  interpreter?: string;
  needed: string[];
  /** DT_RPATH entries (searched before LD_LIBRARY_PATH, ignored when DT_RUNPATH is set) */
  rpath: string[];
  /** DT_RUNPATH entries */
  runpath: string[];
}

/** Whether the bytes start like an ELF file. */
export const isElf = (content: Buffer) => content.length >= 4 && content.readUInt32BE(0) === 0x7f454c46;

const cString = (table: Buffer, at: number) => {
  const end = table.indexOf(0, at);
  return table.subarray(at, end < 0 ? table.length : end).toString('latin1');
};

/** The dynamic needs of an ELF file, or undefined when it is not ELF (or has no section table). */
export function elfDynamic(content: Buffer): ElfDynamic | undefined {
  if (!isElf(content) || !hasElfSections(content)) return undefined;
  const is64 = content[4] === 2;
  const big = content[5] === 2;
  const interp = findElfSection(content, '.interp');
  const dynamic = findElfSection(content, '.dynamic');
  const strings = findElfSection(content, '.dynstr');
  const result: ElfDynamic = { needed: [], rpath: [], runpath: [] };
  if (interp) result.interpreter = cString(interp, 0);
  if (!dynamic || !strings) return result;
  const size = is64 ? 16 : 8;
  for (let at = 0; at + size <= dynamic.length; at += size) {
    const tag = is64
      ? Number(big ? dynamic.readBigInt64BE(at) : dynamic.readBigInt64LE(at))
      : big
        ? dynamic.readInt32BE(at)
        : dynamic.readInt32LE(at);
    if (tag === DT_NULL) break;
    if (tag !== DT_NEEDED && tag !== DT_RPATH && tag !== DT_RUNPATH) continue;
    const value = is64
      ? Number(big ? dynamic.readBigUInt64BE(at + 8) : dynamic.readBigUInt64LE(at + 8))
      : big
        ? dynamic.readUInt32BE(at + 4)
        : dynamic.readUInt32LE(at + 4);
    if (value >= strings.length) continue;
    const text = cString(strings, value);
    if (tag === DT_NEEDED) result.needed.push(text);
    else (tag === DT_RPATH ? result.rpath : result.runpath).push(...text.split(':').filter(Boolean));
  }
  return result;
}
