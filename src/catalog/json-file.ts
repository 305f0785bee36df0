import { errorMessage, type Warning } from '../errors.js';

/**
 * A package database that is one JSON document (npm's package.json, Composer's installed.json,
 * .NET's deps.json) as data, or the warning that names the file and why it is not JSON. A
 * byte-order mark, which Windows tools write, is not JSON and is dropped.
 */
export function readJsonFile(path: string, content: Buffer): { json: unknown } | { warning: Warning } {
  try {
    return { json: JSON.parse(content.toString('utf8').replace(/^\uFEFF/, '')) };
  } catch (err) {
    return { warning: { source: path, message: `is not JSON: ${errorMessage(err)}` } };
  }
}
