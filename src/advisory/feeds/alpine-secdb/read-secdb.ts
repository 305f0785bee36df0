/** Reading apk secdb files (shared by the Alpine and Wolfi/Chainguard secdb feeds). */
import { stat } from 'node:fs/promises';
import { isDirectory, isJsonOrYaml, readText, walkFiles } from '../files.js';
import { parseJsonOrYaml } from '../parse-text.js';
import type { FeedItem, FeedReadOptions } from '../types.js';
import { validRecord } from '../validate.js';
import { secdbAdvisories } from './normalise.js';
import { secdbDocumentSchema, type SecdbDocument } from './schema.js';

/** The files to read: the path itself, or every JSON/YAML file under a folder that `isSecdb` accepts. */
export async function* secdbFiles(
  path: string,
  feed: string,
  isSecdb: (file: string) => Promise<boolean>,
): AsyncGenerator<string> {
  if (!(await isDirectory(path, feed))) {
    yield path;
    return;
  }
  for await (const file of walkFiles(path, isJsonOrYaml)) if (await isSecdb(file)) yield file;
}

/** The advisories of one secdb file; a file that does not parse or validate becomes a warning. */
export async function readSecdbFile(
  file: string,
  feed: string,
  ecosystemOf: (doc: SecdbDocument) => string,
  options: FeedReadOptions,
): Promise<FeedItem[]> {
  let value: unknown;
  try {
    value = parseJsonOrYaml(file, readText(file));
  } catch (err) {
    options.onWarning({ source: file, message: `skipped file: ${(err as Error).message}` });
    return [];
  }
  const doc = validRecord(secdbDocumentSchema, value, { file, record: 'document' }, options);
  if (!doc) return [];
  const modified = (await stat(file)).mtime.toISOString();
  return secdbAdvisories(doc, { feed, ecosystem: ecosystemOf(doc), file, modified }, options);
}
