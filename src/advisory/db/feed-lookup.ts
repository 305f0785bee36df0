/**
 * Finds the feed of a source: by name, or by asking each registered feed whether it recognises
 * the content, among the feeds of `advisory/feeds/registry.ts` (or a map a test passes).
 */
import { InputError } from '../../errors.js';
import type { Feed } from '../feeds/types.js';

/** The registered feeds by name. */
export async function registeredFeeds(): Promise<ReadonlyMap<string, Feed>> {
  // loaded lazily: a DB reader (the matcher) never needs the feed parsers
  return (await import('../feeds/registry.js')).feeds;
}

/** The feed for one source: the named one, or the first whose `detect` recognises the path. */
export async function resolveFeed(
  feeds: ReadonlyMap<string, Feed>,
  path: string,
  name?: string,
): Promise<Feed> {
  if (name) {
    const feed = feeds.get(name);
    if (!feed)
      throw new InputError(
        `unknown feed "${name}" for ${path}; known feeds: ${[...feeds.keys()].join(', ')}`,
      );
    return feed;
  }
  for (const feed of feeds.values()) if (await feed.detect(path)) return feed;
  throw new InputError(`cannot recognise the advisory feed in ${path}; name it with --source FEED=${path}`);
}
