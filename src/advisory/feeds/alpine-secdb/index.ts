/** The Alpine secdb feed: secdb.alpinelinux.org's JSON and the legacy YAML of alpine-secdb. */
import { InputError } from '../../../errors.js';
import { firstFile, isDirectory, isJsonOrYaml, readHead } from '../files.js';
import type { Feed, FeedItem, FeedReadOptions } from '../types.js';
import { readSecdbFile, secdbFiles } from './read-secdb.js';

const NAME = 'alpine-secdb';
const BRANCHES = ['v3.18', 'v3.19', 'v3.20', 'v3.21', 'v3.22', 'edge'];

/** Whether a file head is an apk secdb document of Wolfi or Chainguard (they share the format). */
export function isWolfiSecdbHead(head: string): boolean {
  return /"?packages"?\s*:/.test(head) && /packages\.wolfi\.dev|packages\.cgr\.dev|chainguard/i.test(head);
}

/** Whether a file head is an Alpine secdb document: a `distroversion` and packages, not Wolfi's. */
export function isAlpineSecdbHead(head: string): boolean {
  return (
    /"?distroversion"?\s*:\s*"?v?\d+\.\d+|"?distroversion"?\s*:\s*"?edge/.test(head) &&
    /"?packages"?\s*:/.test(head) &&
    !isWolfiSecdbHead(head)
  );
}

async function isAlpineFile(file: string): Promise<boolean> {
  return isAlpineSecdbHead(await readHead(file));
}

async function detect(path: string): Promise<boolean> {
  const dir = await isDirectory(path, NAME).catch(() => undefined);
  if (dir === undefined) return false;
  const file = dir ? await firstFile(path, isJsonOrYaml) : path;
  return file !== undefined && (await isAlpineFile(file));
}

async function* read(path: string, options: FeedReadOptions): AsyncGenerator<FeedItem> {
  if (!(await detect(path)))
    throw new InputError(`${path} is not an Alpine secdb file (JSON or YAML) or a folder of them.`);
  for await (const file of secdbFiles(path, NAME, isAlpineFile)) {
    yield* await readSecdbFile(file, NAME, (doc) => `Alpine:${doc.distroversion ?? 'unknown'}`, options);
  }
}

/** Alpine's secfixes: which apk origin version fixed which CVE, per branch. */
export const alpineSecdbFeed: Feed = {
  name: NAME,
  description: 'Alpine secdb (secdb.alpinelinux.org JSON, legacy alpine-secdb YAML)',
  urls: BRANCHES.flatMap((b) =>
    ['main', 'community'].map((r) => `https://secdb.alpinelinux.org/${b}/${r}.json`),
  ),
  detect,
  read,
};
