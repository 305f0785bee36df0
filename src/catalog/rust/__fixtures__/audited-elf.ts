/**
 * Test support without tools: the smallest ELF file (64-bit, little-endian, no code) that holds a
 * cargo-auditable `.dep-v0` section, written field by field after the System V gABI. For tests
 * that cannot run rustc and objcopy, such as a contract test over every registered cataloguer.
 */
import { deflateSync } from 'node:zlib';

const HEADER = 64;
const SECTION_HEADER = 64;
const SHT_PROGBITS = 1;
const SHT_STRTAB = 3;

/** An ELF file whose `.dep-v0` section holds `packages` as cargo-auditable would write them. */
export function auditedElf(packages: object[]): Buffer {
  return elfWithSection('.dep-v0', deflateSync(Buffer.from(JSON.stringify({ packages }))));
}

/** An ELF file with one section `name` holding `data`, beside the section name table. */
export function elfWithSection(name: string, data: Buffer): Buffer {
  const names = Buffer.from(`\0.shstrtab\0${name}\0`, 'latin1');
  const namesAt = HEADER;
  const dataAt = namesAt + names.length;
  const tableAt = Math.ceil((dataAt + data.length) / 8) * 8;
  const file = Buffer.alloc(tableAt + 3 * SECTION_HEADER);
  file.write('\x7fELF', 0, 'latin1');
  file[4] = 2; // ELFCLASS64
  file[5] = 1; // ELFDATA2LSB
  file[6] = 1; // EV_CURRENT
  file.writeUInt16LE(2, 16); // e_type: ET_EXEC
  file.writeUInt16LE(62, 18); // e_machine: x86-64
  file.writeUInt32LE(1, 20); // e_version
  file.writeBigUInt64LE(BigInt(tableAt), 40); // e_shoff
  file.writeUInt16LE(HEADER, 52); // e_ehsize
  file.writeUInt16LE(SECTION_HEADER, 58); // e_shentsize
  file.writeUInt16LE(3, 60); // e_shnum: the null section, the names, the data
  file.writeUInt16LE(1, 62); // e_shstrndx
  names.copy(file, namesAt);
  data.copy(file, dataAt);
  const section = (index: number, nameAt: number, type: number, offset: number, size: number) => {
    const at = tableAt + index * SECTION_HEADER;
    file.writeUInt32LE(nameAt, at); // sh_name
    file.writeUInt32LE(type, at + 4); // sh_type
    file.writeBigUInt64LE(BigInt(offset), at + 24); // sh_offset
    file.writeBigUInt64LE(BigInt(size), at + 32); // sh_size
    file.writeBigUInt64LE(1n, at + 48); // sh_addralign
  };
  section(1, 1, SHT_STRTAB, namesAt, names.length);
  section(2, '\0.shstrtab\0'.length, SHT_PROGBITS, dataAt, data.length);
  return file;
}
