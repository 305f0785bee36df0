/**
 * A deterministic tar writer: POSIX ustar headers with a pax `x` header only for names or link
 * targets longer than ustar holds; every entry carries the mtime given, numeric owner ids and no
 * owner names, so the same entries always give the same bytes.
 */
import type { TarMember } from './tar-read.js';

/** An entry to write; paths are relative, directories written with a final `/`. */
export type TarEntry = Omit<TarMember, 'data'> & { data?: Buffer };

const BLOCK = 512;

function put(h: Buffer, value: string, offset: number, length: number) {
  h.write(value, offset, length, 'utf8');
}
function putOctal(h: Buffer, value: number, offset: number, length: number) {
  put(h, `${value.toString(8).padStart(length - 1, '0')}\0`, offset, length);
}

function header(
  name: string,
  typeflag: string,
  entry: Pick<TarEntry, 'mode' | 'uid' | 'gid'>,
  size: number,
  linkname: string,
  mtime: number,
): Buffer {
  const h = Buffer.alloc(BLOCK);
  put(h, name, 0, 100);
  putOctal(h, entry.mode & 0o7777, 100, 8);
  putOctal(h, entry.uid, 108, 8);
  putOctal(h, entry.gid, 116, 8);
  putOctal(h, size, 124, 12);
  putOctal(h, mtime, 136, 12);
  h.fill(0x20, 148, 156);
  put(h, typeflag, 156, 1);
  put(h, linkname, 157, 100);
  put(h, 'ustar\u000000', 257, 8);
  let sum = 0;
  for (const b of h) sum += b;
  put(h, `${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

function padded(data: Buffer): Buffer[] {
  const rest = data.length % BLOCK;
  return rest ? [data, Buffer.alloc(BLOCK - rest)] : [data];
}

function paxHeader(records: Record<string, string>, mtime: number): Buffer[] {
  const body = Object.entries(records)
    .map(([k, v]) => {
      const tail = ` ${k}=${v}\n`;
      let n = Buffer.byteLength(tail) + 1;
      while (Buffer.byteLength(`${n}${tail}`) !== n) n++;
      return `${n}${tail}`;
    })
    .join('');
  const data = Buffer.from(body, 'utf8');
  return [header('PaxHeader', 'x', { mode: 0o644, uid: 0, gid: 0 }, data.length, '', mtime), ...padded(data)];
}

const TYPEFLAG = { file: '0', hardlink: '1', symlink: '2', directory: '5' } as const;

/** The bytes of a tar of these entries, in the order given, every mtime set to `mtime` (seconds). */
export function writeTar(entries: readonly TarEntry[], mtime: number): Buffer {
  const chunks: Buffer[] = [];
  for (const entry of entries) {
    const name = entry.type === 'directory' ? `${entry.path}/` : entry.path;
    const link = entry.linkname ?? '';
    const pax: Record<string, string> = {};
    if (Buffer.byteLength(name) > 100) pax.path = name;
    if (Buffer.byteLength(link) > 100) pax.linkpath = link;
    if (Object.keys(pax).length) chunks.push(...paxHeader(pax, mtime));
    const data = entry.type === 'file' ? (entry.data ?? Buffer.alloc(0)) : Buffer.alloc(0);
    const shortName = Buffer.from(name).subarray(0, 100).toString('utf8');
    chunks.push(
      header(shortName, TYPEFLAG[entry.type], entry, data.length, link.slice(0, 100), mtime),
      ...padded(data),
    );
  }
  chunks.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(chunks);
}
