/** Reading a whole feed into memory: for tests and small feeds only (the DB build streams instead). */
import type { Warning } from '../../errors.js';
import type { Advisory } from '../types.js';
import type { Feed, FeedItem } from './types.js';

/** Every item and warning of one feed read. */
export async function readAll(
  feed: Feed,
  path: string,
  limit = Infinity,
): Promise<{ items: FeedItem[]; warnings: Warning[] }> {
  const items: FeedItem[] = [];
  const warnings: Warning[] = [];
  for await (const item of feed.read(path, { onWarning: (w) => warnings.push(w) })) {
    items.push(item);
    if (items.length >= limit) break;
  }
  return { items, warnings };
}

/** The advisories among items. */
export function advisoriesOf(items: FeedItem[]): Advisory[] {
  return items.flatMap((i) => (i.kind === 'advisory' ? [i.advisory] : []));
}
