/** The Debian DSA/DLA list feed: dated advisories with the fixed version per release. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InputError } from '../../../errors.js';
import { isDirectory, readHead, walkFiles } from '../files.js';
import type { Feed, FeedItem, FeedReadOptions } from '../types.js';
import { dsaAdvisories } from './normalise.js';
import { DsaListParser, isDsaHeader, type DsaEntry } from './parse-list.js';

const NAME = 'debian-dsa';
// upstream names them data/DSA/list and data/DLA/list; mirrors DSA.list, DLA.list
const isList = (name: string): boolean => name === 'list' || name.endsWith('.list');

async function isListFile(file: string): Promise<boolean> {
  const first = (await readHead(file, 512)).split('\n')[0] ?? '';
  return isDsaHeader(first);
}

async function detect(path: string): Promise<boolean> {
  const dir = await isDirectory(path, NAME).catch(() => undefined);
  if (dir === undefined) return false;
  if (!dir) return isListFile(path);
  for await (const file of walkFiles(path, isList)) if (await isListFile(file)) return true;
  return false;
}

function* itemsOf(entry: DsaEntry, file: string, options: FeedReadOptions): Generator<FeedItem> {
  const { advisories, unknownReleases } = dsaAdvisories(entry, NAME);
  for (const release of unknownReleases) {
    options.onWarning({ source: `${file}#${entry.id}`, message: `unknown Debian release "${release}"` });
  }
  for (const advisory of advisories) {
    const recordId = advisory.id === entry.id ? entry.id : `${entry.id}/${advisory.id}`;
    yield { kind: 'advisory', advisory, recordId, file };
  }
}

async function* readList(file: string, options: FeedReadOptions): AsyncGenerator<FeedItem> {
  const parser = new DsaListParser();
  const warn = (line: number, message: string): void =>
    options.onWarning({ source: `${file}:${line}`, message });
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    const done = parser.push(line, warn);
    if (done) yield* itemsOf(done, file, options);
  }
  const last = parser.end();
  if (last) yield* itemsOf(last, file, options);
}

async function* read(path: string, options: FeedReadOptions): AsyncGenerator<FeedItem> {
  if (!(await detect(path)))
    throw new InputError(`${path} is not a Debian DSA.list or DLA.list file, or a folder holding them.`);
  if (!(await isDirectory(path, NAME))) return yield* readList(path, options);
  for await (const file of walkFiles(path, isList))
    if (await isListFile(file)) yield* readList(file, options);
}

/** Debian's DSA and DLA lists: which version fixed which CVEs in which release, and when. */
export const debianDsaFeed: Feed = {
  name: NAME,
  description: 'Debian DSA/DLA lists (security-tracker data/DSA/list, data/DLA/list)',
  urls: [
    'https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/data/DSA/list',
    'https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/data/DLA/list',
  ],
  detect,
  read,
};
