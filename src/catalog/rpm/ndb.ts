/**
 * Header blobs from rpm's NDB backend (`Packages.db`, SUSE): all little-endian u32. A 32-byte file
 * header (magic "RpmP", version, generation, number of 4 KiB slot pages, next package index), then
 * 16-byte slots filling the slot pages (magic "Slot", package index, block offset, block count;
 * index 0 = free). Each slot points at a blob in 16-byte blocks: a 16-byte blob head (magic "BlbS",
 * package index, generation, blob length) followed by the header blob itself.
 */
const MAGIC_DB = 0x506d7052; // "RpmP"
const MAGIC_SLOT = 0x746f6c53; // "Slot"
const MAGIC_BLOB = 0x53626c42; // "BlbS"
const PAGE = 4096;
const BLOCK = 16;

/** Whether bytes start like an NDB package database. */
export function isNdb(content: Buffer): boolean {
  return content.length >= 32 && content.readUInt32LE(0) === MAGIC_DB;
}

/** Every package blob of an NDB database, with problems met per slot. */
export function ndbHeaderBlobs(content: Buffer): { blobs: Buffer[]; problems: string[] } {
  if (!isNdb(content)) throw new Error('not an rpm NDB database (no "RpmP" magic)');
  const slotPages = content.readUInt32LE(12);
  const slotsEnd = Math.min(content.length, slotPages * PAGE);
  const blobs: Buffer[] = [];
  const problems: string[] = [];
  for (let at = 32; at + 16 <= slotsEnd; at += 16) {
    if (content.readUInt32LE(at) !== MAGIC_SLOT) continue;
    const pkgIndex = content.readUInt32LE(at + 4);
    if (pkgIndex === 0) continue;
    const start = content.readUInt32LE(at + 8) * BLOCK;
    if (start + 16 > content.length || content.readUInt32LE(start) !== MAGIC_BLOB) {
      problems.push(`slot of package ${pkgIndex} points at no blob`);
      continue;
    }
    const length = content.readUInt32LE(start + 12);
    if (content.readUInt32LE(start + 4) !== pkgIndex || start + 16 + length > content.length) {
      problems.push(`blob of package ${pkgIndex} is inconsistent`);
      continue;
    }
    blobs.push(content.subarray(start + 16, start + 16 + length));
  }
  return { blobs, problems };
}
