/**
 * A real, tiny feed for tests of the DB: a JSON-lines file of `FeedItem`s (one per line), so a
 * test can state exactly what a feed said without depending on any feed parser.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Feed, FeedItem } from '../feeds/types.js';
import type { Advisory } from '../types.js';

/** A feed named `name` reading `*.items.jsonl` files; a line `"BROKEN"` makes it fail. */
export function itemsFeed(name: string): Feed {
  return {
    name,
    description: 'test items',
    urls: [],
    detect: (path) => Promise.resolve(path.endsWith(`${name}.items.jsonl`)),
    async *read(path) {
      for (const line of (await readFile(path, 'utf8')).split('\n')) {
        if (!line.trim()) continue;
        if (line.trim() === '"BROKEN"') throw new Error(`unexpected end of data in ${path}`);
        yield JSON.parse(line) as FeedItem;
      }
    },
  };
}

/** Writes items as such a file. */
export async function writeItems(path: string, items: FeedItem[]): Promise<void> {
  await writeFile(path, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
}

/** An advisory item with sensible defaults. */
export function advisoryItem(partial: Partial<Advisory> & { id: string }, feed = 'test'): FeedItem {
  const advisory: Advisory = {
    aliases: [],
    modified: '2024-01-01T00:00:00Z',
    severities: [],
    affected: [],
    feed,
    ...partial,
  };
  return { kind: 'advisory', advisory, recordId: advisory.id, file: 'items' };
}
