/** The OSV feed: OSV JSON/YAML records as a file, a folder (recursive) or osv.dev's `all.zip`. */
import { InputError } from '../../../errors.js';
import { firstFile, isDirectory, isJsonOrYaml, readHead, readText, walkFiles } from '../files.js';
import { parseJsonOrYaml } from '../parse-text.js';
import type { Feed, FeedItem, FeedReadOptions } from '../types.js';
import { validRecord } from '../validate.js';
import { normaliseOsv } from './normalise.js';
import { osvRecordSchema } from './schema.js';
import { isZipHead, zipTextEntries } from './zip.js';

const NAME = 'osv';

/** The osv.dev ecosystems the matcher uses; each has its own all.zip. */
const ECOSYSTEMS = [
  'Alpine',
  'Debian',
  'Ubuntu',
  'Wolfi',
  'Chainguard',
  'PyPI',
  'npm',
  'Go',
  'Maven',
  'crates.io',
  'NuGet',
  'RubyGems',
  'Packagist',
];

/** Whether a parsed document has the shape of an OSV record (and not of a CVE 5 record). */
export function looksLikeOsv(value: unknown): boolean {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'object' || first === null) return false;
  const r = first as Record<string, unknown>;
  return (
    typeof r.id === 'string' && typeof r.modified === 'string' && !('dataType' in r) && !('cveMetadata' in r)
  );
}

async function detect(path: string): Promise<boolean> {
  const dir = await isDirectory(path, NAME).catch(() => undefined);
  if (dir === undefined) return false;
  const file = dir ? await firstFile(path, isJsonOrYaml) : path;
  if (!file) return false;
  if (isZipHead(await readHead(file, 4))) return (await firstZipRecord(file)) ?? false;
  try {
    return looksLikeOsv(parseJsonOrYaml(file, readText(file)));
  } catch {
    return false;
  }
}

async function firstZipRecord(file: string): Promise<boolean | undefined> {
  try {
    for await (const entry of zipTextEntries(file)) {
      if (isJsonOrYaml(entry.name)) return looksLikeOsv(parseJsonOrYaml(entry.name, entry.text));
    }
  } catch {
    return false;
  }
  return undefined;
}

async function* documents(path: string): AsyncGenerator<{ file: string; text: string }> {
  if (await isDirectory(path, NAME)) {
    for await (const file of walkFiles(path, isJsonOrYaml)) yield { file, text: readText(file) };
  } else if (isZipHead(await readHead(path, 4))) {
    for await (const e of zipTextEntries(path)) {
      if (isJsonOrYaml(e.name)) yield { file: `${path}!${e.name}`, text: e.text };
    }
  } else {
    yield { file: path, text: readText(path) };
  }
}

async function* read(path: string, options: FeedReadOptions): AsyncGenerator<FeedItem> {
  if (!(await detect(path))) {
    throw new InputError(`${path} is not an OSV record, a folder of OSV records or an OSV all.zip.`);
  }
  for await (const { file, text } of documents(path)) {
    let value: unknown;
    try {
      value = parseJsonOrYaml(file, text);
    } catch (err) {
      options.onWarning({ source: file, message: `skipped file: ${(err as Error).message}` });
      continue;
    }
    const records = Array.isArray(value) ? value : [value];
    for (const [i, raw] of records.entries()) {
      const id = (raw as { id?: unknown } | null)?.id;
      const record = validRecord(
        osvRecordSchema,
        raw,
        { file, record: typeof id === 'string' ? id : `#${i}` },
        options,
      );
      if (record) yield { kind: 'advisory', advisory: normaliseOsv(record, NAME), recordId: record.id, file };
    }
  }
}

/** OSV records of any ecosystem (osv.dev, GHSA, Go vulndb, converted distro data). */
export const osvFeed: Feed = {
  name: NAME,
  description: 'OSV records (JSON/YAML): a file, a folder or an osv.dev all.zip',
  urls: ECOSYSTEMS.map(
    (e) => `https://osv-vulnerabilities.storage.googleapis.com/${encodeURIComponent(e)}/all.zip`,
  ),
  detect,
  read,
};
