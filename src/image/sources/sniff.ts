/**
 * Recognising a local path by its content, not its name: a gzip file is a `docker save … | gzip`
 * archive, a tar holding manifest.json is a docker archive, a tar holding oci-layout or index.json
 * is an OCI archive, a folder with oci-layout is an OCI layout folder, any other folder is a root
 * folder. Anything else gets one sentence saying what was expected.
 */
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../../errors.js';
import { TarFormatError, indexTar } from '../tar/tar-index.js';

export type LocalKind = 'docker-archive' | 'oci-archive' | 'oci-dir' | 'dir';

async function head(path: string, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function notAnImage(path: string): InputError {
  return new InputError(`${basename(path)} is not a container image: no manifest.json or oci-layout found.`);
}

/** What kind of local image `path` holds; an InputError when it does not exist or is none. */
export async function sniffPath(path: string): Promise<LocalKind> {
  const st = await stat(path).catch(() => undefined);
  if (st === undefined) throw new InputError(`${path} does not exist.`);
  if (st.isDirectory()) {
    const layout = await stat(`${path}/oci-layout`).catch(() => undefined);
    return layout?.isFile() === true ? 'oci-dir' : 'dir';
  }
  if (!st.isFile()) throw notAnImage(path);
  if (st.size === 0) throw new InputError(`${path} is an empty file, not a container image.`);
  const magic = await head(path, 2);
  if (magic[0] === 0x1f && magic[1] === 0x8b) return 'docker-archive';
  const members = await indexTar(path).catch((err: unknown) => {
    if (err instanceof TarFormatError) return undefined;
    throw err;
  });
  if (members?.has('manifest.json') === true) return 'docker-archive';
  if (members?.has('oci-layout') === true || members?.has('index.json') === true) return 'oci-archive';
  throw notAnImage(path);
}

/** Whether `path` sniffs as `kind`, without throwing. */
export async function isKind(path: string, kind: LocalKind): Promise<boolean> {
  return (await sniffPath(path).catch(() => undefined)) === kind;
}

/** Whether the path of a `PATH[:TAG]` reference sniffs as `kind`: what `detect` answers. */
export async function detectKind(reference: string, kind: LocalKind): Promise<boolean> {
  return isKind((await splitPathAndTag(reference)).path, kind);
}

/**
 * Splits `PATH[:TAG]`. Tags contain colons too (`alpine:3.9`), so the path is the shortest prefix
 * before a colon that exists on disk; the whole string when it exists itself.
 */
export async function splitPathAndTag(rest: string): Promise<{ path: string; tag?: string }> {
  if ((await stat(rest).catch(() => undefined)) !== undefined) return { path: rest };
  for (let i = rest.indexOf(':'); i !== -1; i = rest.indexOf(':', i + 1)) {
    const path = rest.slice(0, i);
    if (path !== '' && (await stat(path).catch(() => undefined)) !== undefined)
      return { path, tag: rest.slice(i + 1) };
  }
  return { path: rest };
}
