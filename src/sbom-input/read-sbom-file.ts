import { open, readFile } from 'node:fs/promises';
import type { Inventory } from '../catalog/types.js';
import { sbomReaders } from './registry.js';

/**
 * Reads a file as an SBOM when it is one (JSON or XML in a known format); undefined otherwise, so
 * the caller can try it as an image. Only text files are read whole: an image tar never is.
 */
export async function readSbomFile(path: string): Promise<Inventory | undefined> {
  let head: string;
  try {
    const handle = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
      head = buffer
        .subarray(0, bytesRead)
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trimStart();
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  if (!head.startsWith('{') && !head.startsWith('<')) return undefined;
  const text = await readFile(path, 'utf8');
  let doc: unknown;
  if (head.startsWith('{')) {
    try {
      doc = JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  for (const reader of sbomReaders.values()) {
    if (reader.detect(doc, text)) return reader.read(doc, text, path);
  }
  return undefined;
}
