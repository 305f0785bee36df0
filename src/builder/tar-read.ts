/**
 * A synchronous reader of a whole tar in memory (a `.deb`'s data or control member: POSIX ustar,
 * pax `x` headers, GNU `L`/`K` long names), keeping what assembly needs and the image reader's
 * parser drops: owner ids. Paths come out relative (`usr/bin/python3`), without `./` or a final `/`.
 */

/** One member of a tar. */
export interface TarMember {
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'hardlink';
  mode: number;
  uid: number;
  gid: number;
  /** the target of a link, as written (hard links: relative to the root) */
  linkname?: string;
  data: Buffer;
}

const text = (b: Buffer, start: number, length: number) => {
  const end = b.indexOf(0, start);
  return b.toString('utf8', start, end === -1 || end > start + length ? start + length : end);
};
const octal = (b: Buffer, start: number, length: number) => {
  if (b[start]! & 0x80) {
    let v = b[start]! & 0x7f;
    for (let i = start + 1; i < start + length; i++) v = v * 256 + b[i]!;
    return v;
  }
  const t = text(b, start, length).trim();
  return t ? Number.parseInt(t, 8) : 0;
};

/** Normalises a member name to a relative path: `./usr/bin/` → `usr/bin`. */
export function relativePath(name: string): string {
  return name
    .replace(/^(\.\/|\/)+/, '')
    .replace(/\/+$/, '')
    .replace(/^\.$/, '');
}

function paxRecords(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space === -1) break;
    const length = Number.parseInt(data.toString('utf8', pos, space), 10);
    if (!(length > 0)) break;
    const record = data.toString('utf8', space + 1, pos + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    pos += length;
  }
  return records;
}

/** Every member of a tar; other types (devices, fifos) are left out. */
export function readTar(data: Buffer): TarMember[] {
  const members: TarMember[] = [];
  let pos = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  while (pos + 512 <= data.length) {
    const h = data.subarray(pos, pos + 512);
    if (h.every((b) => b === 0)) break;
    const size = Number(pax.get('size') ?? octal(h, 124, 12));
    const type = String.fromCharCode(h[156]!);
    const body = data.subarray(pos + 512, pos + 512 + size);
    if (pos + 512 + size > data.length) throw new Error('tar member overruns the archive');
    pos += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') longName = text(body, 0, body.length);
    else if (type === 'K') longLink = text(body, 0, body.length);
    else if (type === 'x') pax = paxRecords(body);
    else if (type === 'g') continue;
    else {
      const prefix =
        h.toString('latin1', 257, 263) === 'ustar\u000000' || h.toString('latin1', 257, 262) === 'ustar'
          ? text(h, 345, 155)
          : '';
      const name = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${text(h, 0, 100)}` : text(h, 0, 100));
      const linkname = pax.get('linkpath') ?? longLink ?? text(h, 157, 100);
      const kind =
        type === '0' || type === '\0' || type === '7'
          ? 'file'
          : type === '5'
            ? 'directory'
            : type === '2'
              ? 'symlink'
              : type === '1'
                ? 'hardlink'
                : undefined;
      if (kind) {
        const member: TarMember = {
          path: relativePath(name),
          type: kind,
          mode: octal(h, 100, 8) & 0o7777,
          uid: Number(pax.get('uid') ?? octal(h, 108, 8)),
          gid: Number(pax.get('gid') ?? octal(h, 116, 8)),
          data: kind === 'file' ? body : Buffer.alloc(0),
        };
        if (kind === 'symlink') member.linkname = linkname;
        if (kind === 'hardlink') member.linkname = relativePath(linkname);
        members.push(member);
      }
      longName = longLink = undefined;
      pax = new Map();
    }
  }
  return members;
}
