/** The CVE JSON 5 feed: CVE records (cvelistV5, CISA vulnrichment) for dates, descriptions and CVSS. */
import { InputError, errorMessage } from '../../../errors.js';
import { firstFile, isDirectory, readText, walkFiles } from '../files.js';
import type { Feed, FeedItem, FeedReadOptions } from '../types.js';
import { validRecord } from '../validate.js';
import { normaliseCve5 } from './normalise.js';
import { cve5RecordSchema } from './schema.js';

const NAME = 'cve5';
const isCveFile = (name: string): boolean => /^CVE-\d{4}-\d+\.json$/.test(name);

/** Whether a parsed value is a CVE 5 record. */
export function looksLikeCve5(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    r.dataType === 'CVE_RECORD' || (typeof r.cveMetadata === 'object' && typeof r.containers === 'object')
  );
}

async function detect(path: string): Promise<boolean> {
  const dir = await isDirectory(path, NAME).catch(() => undefined);
  if (dir === undefined) return false;
  const file = dir ? await firstFile(path, isCveFile) : path;
  try {
    return file !== undefined && looksLikeCve5(JSON.parse(readText(file)));
  } catch {
    return false;
  }
}

function itemOf(file: string, options: FeedReadOptions): FeedItem | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readText(file));
  } catch (err) {
    options.onWarning({ source: file, message: `skipped file: ${errorMessage(err)}` });
    return undefined;
  }
  const id = (value as { cveMetadata?: { cveId?: unknown } } | null)?.cveMetadata?.cveId;
  const record = validRecord(
    cve5RecordSchema,
    value,
    { file, record: typeof id === 'string' ? id : 'record' },
    options,
  );
  return (
    record && {
      kind: 'advisory',
      advisory: normaliseCve5(record, NAME),
      recordId: record.cveMetadata.cveId,
      file,
    }
  );
}

async function* read(path: string, options: FeedReadOptions): AsyncGenerator<FeedItem> {
  if (!(await detect(path))) throw new InputError(`${path} is not a CVE JSON 5 record or a folder of them.`);
  const files = (await isDirectory(path, NAME)) ? walkFiles(path, isCveFile) : [path];
  for await (const file of files) {
    const item = itemOf(file, options);
    if (item) yield item;
  }
}

/** CVE records: publication and update dates, descriptions, CNA and CISA-ADP CVSS ratings. */
export const cve5Feed: Feed = {
  name: NAME,
  description: 'CVE JSON 5 records (CVE list, CISA vulnrichment): dates, descriptions, CVSS',
  urls: [
    'https://github.com/CVEProject/cvelistV5/archive/refs/heads/main.zip',
    'https://github.com/cisagov/vulnrichment/archive/refs/heads/develop.zip',
  ],
  detect,
  read,
};
