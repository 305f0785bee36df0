import { open, readFile } from 'node:fs/promises';
import type { Inventory } from '../catalog/types.js';
import { InputError, errorMessage } from '../errors.js';
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
    } catch (err) {
      // no image starts with "{": a file that does is JSON gone wrong, most often cut short
      throw badJson(path, head, text, err);
    }
  }
  for (const reader of sbomReaders.values()) {
    if (reader.detect(doc, text)) return reader.read(doc, text, path);
  }
  return undefined;
}

// one sentence for a file that begins as JSON and does not parse: truncated (the text ends before
// the document closes) or malformed, named an SBOM when its beginning says which kind
function badJson(path: string, head: string, text: string, err: unknown): InputError {
  const kind = /"bomFormat"\s*:\s*"CycloneDX"/.test(head)
    ? 'CycloneDX SBOM'
    : /"spdxVersion"/.test(head)
      ? 'SPDX SBOM'
      : /"bomFormat"|"\$schema"|"components"|"packages"/.test(head)
        ? 'SBOM'
        : 'JSON document';
  const message = errorMessage(err);
  const truncated = /end of (JSON )?input|Unterminated string/i.test(message) || !/[}\]]\s*$/.test(text);
  return truncated
    ? new InputError(
        `${path} is a truncated ${kind}: the file ends before its JSON does (${text.length} bytes read)`,
      )
    : new InputError(`${path} is a ${kind} that is not valid JSON: ${message}`);
}
