/**
 * Header blobs from rpm's legacy Berkeley DB `Packages` file (a BDB hash database, as written by
 * rpm < 4.16 on RHEL/CentOS ≤ 8, Amazon Linux 2). Read from the on-disk page layout that Berkeley
 * DB documents: page 0 is the hash meta page (magic 0x061561 at byte 12, whose byte order is the
 * file's, page size at byte 20); every page starts with a 26-byte header (next page at 16, entry
 * count at 20, high-free offset at 22, page type at 25) followed by u16 item offsets. Hash pages
 * hold key/data item pairs; a data item is either inline (type 1) or "off page" (type 3: first
 * overflow page and total length), continued over a chain of overflow pages whose high-free offset
 * says how many bytes each holds. Every key/data pair of rpm's Packages is one installed header.
 */
const HASH_MAGIC = 0x061561;
const P_HASH_UNSORTED = 2;
const P_OVERFLOW = 7;
const P_HASH = 13;
const H_KEYDATA = 1;
const H_OFFPAGE = 3;
const PAGE_HEADER = 26;

/** Whether bytes start like a Berkeley DB hash database. */
export function isBdbHash(content: Buffer): boolean {
  return (
    content.length >= 512 &&
    (content.readUInt32LE(12) === HASH_MAGIC || content.readUInt32BE(12) === HASH_MAGIC)
  );
}

/** Every data item of a BDB hash database (rpm: the header blobs), with the problems met. */
export function bdbHeaderBlobs(content: Buffer): { blobs: Buffer[]; problems: string[] } {
  if (!isBdbHash(content)) throw new Error('not a Berkeley DB hash database (no 0x061561 magic)');
  const le = content.readUInt32LE(12) === HASH_MAGIC;
  const u16 = (at: number) => (le ? content.readUInt16LE(at) : content.readUInt16BE(at));
  const u32 = (at: number) => (le ? content.readUInt32LE(at) : content.readUInt32BE(at));
  const pageSize = u32(20);
  if (pageSize < 512 || pageSize > 65536)
    throw new Error(`page size ${pageSize} is not a Berkeley DB page size`);
  const pages = Math.floor(content.length / pageSize);
  const blobs: Buffer[] = [];
  const problems: string[] = [];

  const overflow = (first: number, total: number): Buffer | undefined => {
    const parts: Buffer[] = [];
    let got = 0;
    for (let pgno = first, hops = 0; pgno !== 0 && got < total && hops < pages; hops++) {
      const base = pgno * pageSize;
      if (pgno >= pages || content[base + 25] !== P_OVERFLOW) return undefined;
      const used = Math.min(u16(base + 22), pageSize - PAGE_HEADER);
      parts.push(content.subarray(base + PAGE_HEADER, base + PAGE_HEADER + used));
      got += used;
      pgno = u32(base + 16);
    }
    return got >= total ? Buffer.concat(parts).subarray(0, total) : undefined;
  };

  for (let pgno = 1; pgno < pages; pgno++) {
    const base = pgno * pageSize;
    const type = content[base + 25];
    if (type !== P_HASH && type !== P_HASH_UNSORTED) continue;
    const entries = u16(base + 20);
    // items alternate key, data; item i ends where item i-1 begins (they grow down from the end)
    for (let i = 1; i < entries; i += 2) {
      const offset = u16(base + PAGE_HEADER + 2 * i);
      const end = u16(base + PAGE_HEADER + 2 * (i - 1));
      if (offset < PAGE_HEADER || offset >= pageSize) {
        problems.push(`page ${pgno} item ${i} lies outside its page`);
        continue;
      }
      const itemType = content[base + offset];
      if (itemType === H_KEYDATA) {
        blobs.push(content.subarray(base + offset + 1, base + Math.max(end, offset + 1)));
      } else if (itemType === H_OFFPAGE) {
        const data = overflow(u32(base + offset + 4), u32(base + offset + 8));
        if (data) blobs.push(data);
        else problems.push(`page ${pgno} item ${i} has a broken overflow chain`);
      } else problems.push(`page ${pgno} item ${i} has unsupported item type ${itemType}`);
    }
  }
  return { blobs, problems };
}
