/** The feed registry: every advisory source by name, and recognising a feed from a path's content. */
import { InputError } from '../../errors.js';
import { alpineSecdbFeed } from './alpine-secdb/index.js';
import { cve5Feed } from './cve5/index.js';
import { debianDsaFeed } from './debian-dsa/index.js';
import { debianTrackerFeed } from './debian-tracker/index.js';
import { epssFeed } from './epss/index.js';
import { isDirectory } from './files.js';
import { kevFeed } from './kev/index.js';
import { osvFeed } from './osv/index.js';
import type { Feed } from './types.js';
import { wolfiAdvisoriesFeed } from './wolfi-advisories/index.js';
import { wolfiSecdbFeed } from './wolfi-secdb/index.js';

/** Every feed, by the name used on the CLI (`--source NAME=PATH`); detection tries them in this order. */
export const feeds: ReadonlyMap<string, Feed> = new Map(
  [
    cve5Feed,
    osvFeed,
    wolfiSecdbFeed,
    alpineSecdbFeed,
    wolfiAdvisoriesFeed,
    debianTrackerFeed,
    debianDsaFeed,
    kevFeed,
    epssFeed,
  ].map((f) => [f.name, f]),
);

/** The feed of a name given by the user; InputError listing the known names otherwise. */
export function feedByName(name: string): Feed {
  const feed = feeds.get(name);
  if (!feed) throw new InputError(`Unknown feed "${name}": expected one of ${[...feeds.keys()].join(', ')}.`);
  return feed;
}

/** The feed whose format a file or folder holds, recognised from its content; InputError when none. */
export async function detectFeed(path: string): Promise<Feed> {
  await isDirectory(path, 'advisory feed');
  for (const feed of feeds.values()) if (await feed.detect(path)) return feed;
  throw new InputError(
    `Cannot tell which advisory feed ${path} is: name it as FEED=${path} (feeds: ${[...feeds.keys()].join(', ')}).`,
  );
}
