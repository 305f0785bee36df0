/** The Wolfi / Chainguard secdb feed: `security.json` of packages.wolfi.dev and packages.cgr.dev. */
import { InputError } from '../../../errors.js';
import { isWolfiSecdbHead } from '../alpine-secdb/index.js';
import { readSecdbFile, secdbFiles } from '../alpine-secdb/read-secdb.js';
import type { SecdbDocument } from '../alpine-secdb/schema.js';
import { firstFile, isDirectory, isJsonOrYaml, readHead } from '../files.js';
import type { Feed, FeedItem, FeedReadOptions } from '../types.js';

const NAME = 'wolfi-secdb';

/** Chainguard's enterprise repository serves the same format as Wolfi's; tell them apart by URL. */
export function wolfiEcosystem(doc: Pick<SecdbDocument, 'urlprefix' | 'apkurl'>): 'Wolfi' | 'Chainguard' {
  return /cgr\.dev|chainguard/i.test(`${doc.urlprefix ?? ''} ${doc.apkurl ?? ''}`) ? 'Chainguard' : 'Wolfi';
}

async function isWolfiFile(file: string): Promise<boolean> {
  return isWolfiSecdbHead(await readHead(file));
}

async function detect(path: string): Promise<boolean> {
  const dir = await isDirectory(path, NAME).catch(() => undefined);
  if (dir === undefined) return false;
  const file = dir ? await firstFile(path, isJsonOrYaml) : path;
  return file !== undefined && (await isWolfiFile(file));
}

async function* read(path: string, options: FeedReadOptions): AsyncGenerator<FeedItem> {
  if (!(await detect(path))) throw new InputError(`${path} is not a Wolfi or Chainguard security.json.`);
  for await (const file of secdbFiles(path, NAME, isWolfiFile)) {
    yield* await readSecdbFile(file, NAME, wolfiEcosystem, options);
  }
}

/** Wolfi's and Chainguard's secfixes: fixed apk versions per CVE (no dates; see wolfi-advisories). */
export const wolfiSecdbFeed: Feed = {
  name: NAME,
  description: 'Wolfi / Chainguard secdb (security.json)',
  urls: ['https://packages.wolfi.dev/os/security.json'],
  detect,
  read,
};
