/**
 * A push parser for tar streams (POSIX ustar and pax, GNU long names), written for the layer hot
 * path: headers are parsed synchronously as bytes arrive and an entry's content is gathered only
 * when the visitor asks for it, so the thousands of unwanted files of a layer cost one header
 * parse each, with no stream per entry. Format: POSIX.1-2001 `pax` (ustar header, 512-byte
 * blocks, `x`/`g` extended headers) and GNU's `L`/`K` long name records.
 */
import { Writable } from 'node:stream';

export type TarEntryType = 'file' | 'link' | 'symlink' | 'directory' | 'other' | 'pax-global-header';

export interface TarHeader {
  name: string;
  type: TarEntryType;
  size: number;
  mode: number;
  linkname?: string;
}

export interface TarVisitor {
  /** called at each entry; return true to receive the entry's whole content through `content` */
  entry(header: TarHeader): boolean;
  content(header: TarHeader, data: Buffer): void;
}

const BLOCK = 512;
const TYPES: Record<string, TarEntryType> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'link',
  '2': 'symlink',
  '5': 'directory',
  g: 'pax-global-header',
};

/** A tar stream that is not well formed. */
export class TarFormatError extends Error {}

/** Reads a NUL-terminated string field. */
function field(block: Buffer, start: number, length: number): string {
  const end = block.indexOf(0, start);
  return block.toString('utf8', start, end === -1 || end > start + length ? start + length : end);
}

/** Reads a numeric field: octal text, or base-256 when the high bit of the first byte is set. */
function numeric(block: Buffer, start: number, length: number): number {
  if (block[start]! & 0x80) {
    let value = block[start]! & 0x7f;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + block[i]!;
    return value;
  }
  const text = field(block, start, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function checksumOk(block: Buffer): boolean {
  let sum = 8 * 0x20; // the checksum field itself counts as spaces
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += block[i]!;
  return sum === numeric(block, 148, 8);
}

/** Parses pax records `LEN key=value\n` into a map. */
function paxRecords(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = parseInt(data.toString('ascii', at, space), 10);
    if (space === -1 || !(length > 0)) break;
    const record = data.toString('utf8', space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

type State =
  | { kind: 'header' }
  | {
      kind: 'body';
      header: TarHeader | undefined;
      meta?: 'pax' | 'gnu-name' | 'gnu-link';
      left: number;
      pad: number;
      chunks?: Buffer[];
    }
  | { kind: 'end' };

/**
 * The parser itself, synchronous: `push` each chunk of the stream in order, then `end`. Errors are
 * thrown (TarFormatError, or whatever the visitor throws). The stream layer drives it directly, so
 * that it can parse one chunk while the next one inflates; TarParser wraps it as a Writable.
 */
export class TarReader {
  private state: State = { kind: 'header' };
  /** the start of a header block split across two chunks (fewer than 512 bytes) */
  private carry: Buffer | undefined;
  private pax = new Map<string, string>();
  private longName: string | undefined;
  private longLink: string | undefined;

  constructor(private readonly visitor: TarVisitor) {}

  push(chunk: Buffer): void {
    let at = 0;
    if (this.carry !== undefined) {
      // complete the split header with the head of this chunk only, never copying the whole chunk
      const need = BLOCK - this.carry.length;
      if (chunk.length < need) {
        this.carry = Buffer.concat([this.carry, chunk]);
        return;
      }
      const block = Buffer.concat([this.carry, chunk.subarray(0, need)]);
      this.carry = undefined;
      at = need;
      this.header(block);
    }
    this.consume(chunk, at);
  }

  /** Throws when the stream stopped inside an entry. */
  end(): void {
    const midEntry =
      this.state.kind === 'body' || (this.carry !== undefined && this.carry.some((b) => b !== 0));
    if (midEntry) throw new TarFormatError('unexpected end of data');
  }

  private consume(buf: Buffer, from: number): void {
    let at = from;
    while (at < buf.length) {
      const state = this.state;
      if (state.kind === 'end') return;
      if (state.kind === 'body') {
        const take = Math.min(state.left, buf.length - at);
        if (take > 0 && state.chunks) state.chunks.push(buf.subarray(at, at + take));
        state.left -= take;
        at += take;
        if (state.left > 0) return;
        const skip = Math.min(state.pad, buf.length - at);
        state.pad -= skip;
        at += skip;
        if (state.pad > 0) return;
        this.finishBody(state);
        continue;
      }
      if (buf.length - at < BLOCK) {
        this.carry = Buffer.from(buf.subarray(at));
        return;
      }
      const block = buf.subarray(at, at + BLOCK);
      at += BLOCK;
      this.header(block);
    }
  }

  private header(block: Buffer): void {
    if (block[0] === 0 && block.every((b) => b === 0)) {
      this.state = { kind: 'end' };
      return;
    }
    if (!checksumOk(block)) throw new TarFormatError('invalid tar header checksum');
    const flag = String.fromCharCode(block[156]!);
    const size = numeric(block, 124, 12);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (flag === 'x' || flag === 'L' || flag === 'K') {
      const meta = flag === 'x' ? 'pax' : flag === 'L' ? 'gnu-name' : 'gnu-link';
      this.state = { kind: 'body', header: undefined, meta, left: size, pad, chunks: [] };
      return;
    }
    const prefix = block.toString('latin1', 257, 262) === 'ustar' ? field(block, 345, 155) : '';
    const base = field(block, 0, 100);
    const type = TYPES[flag] ?? 'other';
    const header: TarHeader = {
      name: this.pax.get('path') ?? this.longName ?? (prefix ? `${prefix}/${base}` : base),
      type,
      size: Number(this.pax.get('size') ?? size),
      mode: numeric(block, 100, 8),
    };
    const linkname = this.pax.get('linkpath') ?? this.longLink ?? field(block, 157, 100);
    if (linkname) header.linkname = linkname;
    if (this.pax.size > 0) this.pax = new Map();
    this.longName = this.longLink = undefined;
    const wanted = this.visitor.entry(header);
    const left = header.size;
    const chunks = wanted && type === 'file' ? [] : undefined;
    this.state = { kind: 'body', header, left, pad: (BLOCK - (left % BLOCK)) % BLOCK, chunks };
    if (left === 0) this.finishBody(this.state);
  }

  private finishBody(state: Extract<State, { kind: 'body' }>): void {
    this.state = { kind: 'header' };
    if (state.meta) {
      const data = Buffer.concat(state.chunks ?? []);
      if (state.meta === 'pax') this.pax = paxRecords(data);
      else if (state.meta === 'gnu-name') this.longName = field(data, 0, data.length);
      else this.longLink = field(data, 0, data.length);
      return;
    }
    if (state.header && state.chunks) this.visitor.content(state.header, Buffer.concat(state.chunks));
  }
}

/** A Writable that parses a tar stream into the visitor's calls; errors end the stream. */
export class TarParser extends Writable {
  private readonly reader: TarReader;

  constructor(visitor: TarVisitor) {
    super({ highWaterMark: 1 << 20 });
    this.reader = new TarReader(visitor);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    try {
      this.reader.push(chunk);
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    try {
      this.reader.end();
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }
}
