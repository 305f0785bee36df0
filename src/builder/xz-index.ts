/**
 * The uncompressed size of an `.xz` file, read from its stream index (the .xz file format 1.2.1,
 * https://tukaani.org/xz/xz-file-format.txt, §2.1.2 stream footer and §4 index). It lets many xz
 * files be decompressed by ONE `xz` process (it decodes concatenated streams as one output) and
 * the output cut back into files: spawning a process costs tens of milliseconds when the parent's
 * heap is large, and a closure has dozens of members.
 */

const FOOTER_MAGIC = [0x59, 0x5a]; // "YZ"

function varint(data: Buffer, pos: number): [number, number] {
  let value = 0;
  let shift = 1;
  for (let i = 0; i < 9; i++) {
    const byte = data[pos + i];
    if (byte === undefined) throw new Error('truncated xz index');
    value += (byte & 0x7f) * shift;
    if (!(byte & 0x80)) return [value, pos + i + 1];
    shift *= 128;
  }
  throw new Error('bad xz index number');
}

/** The total uncompressed size of every stream of an .xz file; throws when it is not one. */
export function xzUncompressedSize(data: Buffer): number {
  let end = data.length;
  let total = 0;
  while (end > 0) {
    while (end >= 4 && data.readUInt32LE(end - 4) === 0) end -= 4; // stream padding
    if (end === 0) break;
    if (end < 24 || data[end - 2] !== FOOTER_MAGIC[0] || data[end - 1] !== FOOTER_MAGIC[1])
      throw new Error('not an xz stream (no footer)');
    const backwardSize = (data.readUInt32LE(end - 8) + 1) * 4;
    const indexStart = end - 12 - backwardSize;
    if (indexStart < 12 || data[indexStart] !== 0) throw new Error('bad xz index');
    let [records, pos] = varint(data, indexStart + 1);
    let unpadded = 0;
    for (; records > 0; records--) {
      const [u, next] = varint(data, pos);
      const [size, after] = varint(data, next);
      unpadded += Math.ceil(u / 4) * 4;
      total += size;
      pos = after;
    }
    // the stream: header (12) + blocks (padded) + index + footer (12)
    end = indexStart - unpadded - 12;
    if (end < 0) throw new Error('bad xz index sizes');
  }
  return total;
}
