/** Reads of the history store: a tag's moves and observations, and a digest's stored facts. */
import type { Inventory } from '../../catalog/types.js';
import { InputError } from '../../errors.js';
import { DEFAULT_RULES } from '../../match/counting.js';
import { toCount } from '../../store/sql-values.js';
import { countCompact, type CompactFinding } from '../compact.js';
import { formatTagRef, type TagRef } from '../image-ref.js';
import type { Point } from '../types.js';
import type { HistoryStore } from './open.js';
import type { TagMove } from './tag-moves.js';

/** Throws one sentence when the store knows no such image or no such tag of it. */
export async function requireTag(store: HistoryStore, ref: TagRef): Promise<void> {
  const image = await store.db
    .selectFrom('image')
    .select('name')
    .where('name', '=', ref.image)
    .executeTakeFirst();
  if (!image) throw new InputError(`unknown image ${ref.image}: nothing was tracked under that name`);
  const tags = await store.db
    .selectFrom('tag')
    .select('tag')
    .where('image', '=', ref.image)
    .orderBy('tag')
    .execute();
  if (!tags.some((t) => t.tag === ref.tag))
    throw new InputError(
      `unknown tag ${formatTagRef(ref)}: the image has ${tags.map((t) => t.tag).join(', ')} (track it first)`,
    );
}

/** Where the tag pointed when, oldest first. */
export async function tagMoves(store: HistoryStore, ref: TagRef): Promise<TagMove[]> {
  return store.db
    .selectFrom('tag_digest')
    .select(['since', 'digest'])
    .where('image', '=', ref.image)
    .where('tag', '=', ref.tag)
    .orderBy('since')
    .execute();
}

/**
 * The observed point of each day between two days (inclusive) that has an observation: the
 * latest observation of the day (by observed time, then scan time, then scanner name).
 */
export async function observedPoints(
  store: HistoryStore,
  ref: TagRef,
  from: string,
  to: string,
): Promise<Point[]> {
  const rows = await store.db
    .selectFrom('observation')
    .select(['day', 'digest', 'observed_at', 'scanned_at', 'scanner_name', 'scanner_version', 'db_built_at'])
    .select(['db_feeds', 'findings'])
    .where('image', '=', ref.image)
    .where('tag', '=', ref.tag)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .orderBy('observed_at', 'desc')
    .orderBy('scanned_at', 'desc')
    .orderBy('scanner_name')
    .execute();
  const points: Point[] = [];
  for (const row of rows) {
    if (points.at(-1)?.day === row.day) continue;
    const counts = countCompact(JSON.parse(row.findings) as CompactFinding[], DEFAULT_RULES);
    points.push({
      day: row.day,
      kind: 'observed',
      digest: row.digest,
      ...counts,
      scanner: { name: row.scanner_name, version: row.scanner_version },
      db: { builtAt: row.db_built_at, feeds: JSON.parse(row.db_feeds) as Record<string, string> },
      observedAt: row.observed_at,
      scannedAt: row.scanned_at,
    });
  }
  return points;
}

/** What the store keeps about a digest: its inventory (if any), size, created date, package count. */
export async function digestFacts(
  store: HistoryStore,
  digest: string,
  withInventory = false,
): Promise<{
  inventory?: Inventory;
  sizeBytes: number | null;
  created: string | null;
  packages: number | null;
}> {
  const row = await store.db
    .selectFrom('digest')
    .select(['size_bytes', 'created', 'packages'])
    .$if(withInventory, (q) => q.select('inventory'))
    .where('digest', '=', digest)
    .executeTakeFirst();
  const text = (row as { inventory?: string | null } | undefined)?.inventory;
  return {
    inventory: text ? (JSON.parse(text) as Inventory) : undefined,
    sizeBytes: row?.size_bytes === null || row?.size_bytes === undefined ? null : toCount(row.size_bytes),
    created: row?.created ?? null,
    packages: row?.packages ?? null,
  };
}
