/**
 * Read access to the members of an image container (a folder or an indexed tar file) by relative
 * path, so that the OCI layout and docker-archive readers do not care which one they got.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { normalizeEntryName } from '../path/normalize-entry.js';
import type { TarMember } from './tar-index.js';

export interface BlobStore {
  /** size of a member, undefined when absent */
  size(path: string): Promise<number | undefined>;
  read(path: string): Promise<Buffer | undefined>;
  open(path: string): Readable;
}

const READ_CHUNK = 1024 * 1024;

/** A member path made relative and safe: `../x` and `/x` never leave the container. */
function safeRelative(path: string): string | undefined {
  const normal = normalizeEntryName(path);
  return 'path' in normal ? normal.path.slice(1) : undefined;
}

/** Members of a real folder. */
export function folderStore(root: string): BlobStore {
  const full = (p: string): string | undefined => {
    const rel = safeRelative(p);
    return rel === undefined ? undefined : join(root, rel);
  };
  return {
    async size(p) {
      const f = full(p);
      const s = f === undefined ? undefined : await stat(f).catch(() => undefined);
      return s?.isFile() === true ? s.size : undefined;
    },
    async read(p) {
      const f = full(p);
      return f === undefined ? undefined : readFile(f).catch(() => undefined);
    },
    open(p) {
      return createReadStream(full(p) ?? join(root, '\0missing'), { highWaterMark: READ_CHUNK });
    },
  };
}

/** Members of a tar file, through its index: each read is a slice of the file. */
export function tarStore(file: string, index: Map<string, TarMember>): BlobStore {
  const member = (p: string): TarMember | undefined => {
    const rel = safeRelative(p);
    const m = rel === undefined ? undefined : index.get(rel);
    return m?.type === 'file' ? m : undefined;
  };
  const open = (p: string): Readable => {
    const m = member(p);
    if (m === undefined) throw new Error(`${p} is not in ${file}`);
    if (m.size === 0) return Readable.from([]);
    return createReadStream(file, { start: m.offset, end: m.offset + m.size - 1, highWaterMark: READ_CHUNK });
  };
  return {
    async size(p) {
      return member(p)?.size;
    },
    async read(p) {
      if (member(p) === undefined) return undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of open(p)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    open,
  };
}
