/**
 * The `ar` container of a `.deb` (deb(5): `!<arch>\n`, then 60-byte member headers, members padded
 * to an even length): `debian-binary`, `control.tar.*`, `data.tar.*`.
 */

/** One member of an ar archive. */
export interface ArMember {
  name: string;
  /** seconds since the epoch, as the header gives it */
  mtime: number;
  data: Buffer;
}

const MAGIC = '!<arch>\n';

/** The members of an ar archive; throws a sentence when the bytes are not one. */
export function readArArchive(data: Buffer): ArMember[] {
  if (data.toString('latin1', 0, 8) !== MAGIC) throw new Error('not an ar archive');
  const members: ArMember[] = [];
  let pos = 8;
  while (pos + 60 <= data.length) {
    const header = data.toString('latin1', pos, pos + 60);
    if (header.slice(58, 60) !== '`\n') throw new Error(`bad ar member header at byte ${pos}`);
    // GNU ar ends names with '/', BSD-style ones are space padded
    const name = header.slice(0, 16).trim().replace(/\/$/, '');
    const size = Number.parseInt(header.slice(48, 58).trim(), 10);
    if (!Number.isFinite(size) || size < 0 || pos + 60 + size > data.length)
      throw new Error(`ar member ${name} overruns the archive`);
    const mtime = Number.parseInt(header.slice(16, 28).trim(), 10) || 0;
    members.push({ name, mtime, data: data.subarray(pos + 60, pos + 60 + size) });
    pos += 60 + size + (size % 2);
  }
  return members;
}
