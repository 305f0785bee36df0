/** File-system edges shared by the feeds: checking a path, walking a folder, peeking at a file's head. */
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createReadStream, readFileSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { InputError, errorMessage } from '../../errors.js';

/** Whether the path is a folder; throws InputError naming the path when it cannot be read at all. */
export async function isDirectory(path: string, feed: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (err) {
    throw new InputError(`Cannot read ${feed} source ${path}: ${errorMessage(err)}.`, { cause: err });
  }
}

/** Every regular file under a folder, recursively, in a stable (sorted) order, lazily. */
export async function* walkFiles(dir: string, wanted: (name: string) => boolean): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walkFiles(full, wanted);
    else if (entry.isFile() && wanted(entry.name)) yield full;
  }
}

/** The first file under a folder that a feed would read, or undefined: detection looks at it. */
export async function firstFile(dir: string, wanted: (name: string) => boolean): Promise<string | undefined> {
  try {
    for await (const file of walkFiles(dir, wanted)) return file;
  } catch {
    return undefined;
  }
  return undefined;
}

/** The first bytes of a file as text (gunzipped when it is gzip), for cheap format detection. */
export async function readHead(path: string, bytes = 4096): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    const head = buf.subarray(0, bytesRead);
    if (head[0] === 0x1f && head[1] === 0x8b) return await gunzipHead(path, bytes);
    return head.toString('utf8');
  } catch {
    return '';
  } finally {
    await handle?.close();
  }
}

/** The first bytes of a gzip file's content, decompressing only as far as needed. */
async function gunzipHead(path: string, bytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = createReadStream(path).pipe(createGunzip());
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= bytes) break;
    }
  } catch {
    // a truncated gzip still yields its first bytes
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, bytes).toString('utf8');
}

/**
 * A whole small file (one record, one package's advisories) as text. Synchronous on purpose: for
 * thousands of small files, fs.promises.readFile costs ~0.5 ms each in event-loop round trips,
 * readFileSync ~0.04 ms (measured on osv/go: 2.0 s → 0.16 s for 4,291 files).
 */
export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Whether a file name looks like JSON or YAML. */
export function isJsonOrYaml(name: string): boolean {
  return /\.(json|ya?ml)$/i.test(name);
}

/** Whether a file starts with the gzip magic bytes. */
export async function isGzipFile(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buf = Buffer.alloc(2);
    await handle.read(buf, 0, 2, 0);
    return buf[0] === 0x1f && buf[1] === 0x8b;
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}
