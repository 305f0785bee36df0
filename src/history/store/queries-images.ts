/**
 * Reads the API needs beside the library's: the images and tags a store knows, each tag's latest
 * point, the observations of a range, and the findings of one observation. Counts come from the
 * columns (recorded under the default rules), findings only where a route lists them.
 */
import type { CompactFinding } from '../compact.js';
import { addDays, type DayRange } from '../date-range.js';
import type { TagRef } from '../image-ref.js';
import { readRows } from './compiled.js';
import type { HistoryStore } from './open.js';
import type { RecordedPoint } from '../types.js';

/** One image of the store with its tags. */
export interface ImageEntry {
  name: string;
  firstSeen: string;
  tags: string[];
}

/** A page of images by name, and how many there are in all. */
export async function listImages(
  store: HistoryStore,
  limit: number,
  offset: number,
): Promise<{ total: number; images: ImageEntry[] }> {
  const count = await store.db
    .selectFrom('image')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const images = await store.db
    .selectFrom('image')
    .select(['name', 'first_seen'])
    .orderBy('name')
    .limit(limit)
    .offset(offset)
    .execute();
  const names = images.map((i) => i.name);
  const tags = names.length
    ? await store.db
        .selectFrom('tag')
        .select(['image', 'tag'])
        .where('image', 'in', names)
        .orderBy('tag')
        .execute()
    : [];
  return {
    total: Number(count.n),
    images: images.map((i) => ({
      name: i.name,
      firstSeen: i.first_seen,
      tags: tags.filter((t) => t.image === i.name).map((t) => t.tag),
    })),
  };
}

/** The tags of an image with when each was first seen. */
export async function listTags(
  store: HistoryStore,
  image: string,
): Promise<{ tag: string; firstSeen: string }[]> {
  const rows = await store.db
    .selectFrom('tag')
    .select(['tag', 'first_seen'])
    .where('image', '=', image)
    .orderBy('tag')
    .execute();
  return rows.map((r) => ({ tag: r.tag, firstSeen: r.first_seen }));
}

/** The last observed day of a tag (by the primary key's day order), if any. */
export async function lastObservedDay(store: HistoryStore, ref: TagRef): Promise<string | undefined> {
  const [row] = await readRows(
    store,
    'last-observed-day',
    (db, p) =>
      db
        .selectFrom('observation')
        .select('day')
        .where('image', '=', p(0))
        .where('tag', '=', p(1))
        .orderBy('day', 'desc')
        .limit(1),
    [ref.image, ref.tag],
  );
  return row?.[0] as string | undefined;
}

/**
 * The tag's data ends on its last observed day: the `days` days up to it (e.g. 30 for a
 * sparkline), or undefined for a tag never observed.
 */
export async function lastDataRange(
  store: HistoryStore,
  ref: TagRef,
  days = 1,
): Promise<DayRange | undefined> {
  const day = await lastObservedDay(store, ref);
  return day ? { from: addDays(day, -(days - 1)), to: day } : undefined;
}

/** The findings recorded with one observation (the row a point was read from). */
export async function findingsOf(
  store: HistoryStore,
  ref: TagRef,
  point: Pick<RecordedPoint, 'day' | 'digest' | 'scanner'>,
): Promise<CompactFinding[]> {
  const [row] = await readRows(
    store,
    'findings-of-point',
    (db, p) =>
      db
        .selectFrom('observation')
        .select('findings')
        .where('image', '=', p(0))
        .where('tag', '=', p(1))
        .where('day', '=', p(2))
        .where('digest', '=', p(3))
        .where('scanner_name', '=', p(4)),
    [ref.image, ref.tag, point.day, point.digest, point.scanner.name],
  );
  return row ? (JSON.parse(row[0] as string) as CompactFinding[]) : [];
}

/**
 * The findings recorded with every observation of a tag between two days, in one read: by
 * `day NUL digest NUL scanner name` (the key of one observed point).
 */
export async function findingsOfRange(
  store: HistoryStore,
  ref: TagRef,
  from: string,
  to: string,
): Promise<Map<string, CompactFinding[]>> {
  const rows = await readRows(
    store,
    'findings-of-range',
    (db, p) =>
      db
        .selectFrom('observation')
        .select(['day', 'digest', 'scanner_name', 'findings', 'observed_at', 'scanned_at'])
        .where('image', '=', p(0))
        .where('tag', '=', p(1))
        .where('day', '>=', p(2))
        .where('day', '<=', p(3))
        .orderBy('observed_at')
        .orderBy('scanned_at'),
    [ref.image, ref.tag, from, to],
  );
  // the latest observation of a (day, digest, scanner) is the one a point stands for; a digest
  // observed day after day records the same findings: parsed once, one array shared by those days
  // (which is how a sweep knows nothing changed: resolve-tag.ts compares the arrays)
  const parsed = new Map<string, CompactFinding[]>();
  const parse = (text: string) => {
    let list = parsed.get(text);
    if (!list) parsed.set(text, (list = JSON.parse(text) as CompactFinding[]));
    return list;
  };
  return new Map(rows.map((r) => [`${r[0]}\0${r[1]}\0${r[2]}`, parse(r[3] as string)]));
}

/** Every observation of a tag between two days (inclusive), oldest first, without findings. */
export async function observationsOf(store: HistoryStore, ref: TagRef, from: string, to: string) {
  return store.db
    .selectFrom('observation')
    .select(['day', 'digest', 'observed_at', 'scanned_at', 'origin', 'scanner_name', 'scanner_version'])
    .select(['db_built_at', 'critical', 'high', 'medium', 'low', 'negligible', 'unknown', 'total'])
    .where('image', '=', ref.image)
    .where('tag', '=', ref.tag)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .orderBy('observed_at')
    .execute();
}

/** The first observed day of a tag, if any. */
export async function firstObservedDay(store: HistoryStore, ref: TagRef): Promise<string | undefined> {
  const row = await store.db
    .selectFrom('observation')
    .select((eb) => eb.fn.min('day').as('day'))
    .where('image', '=', ref.image)
    .where('tag', '=', ref.tag)
    .executeTakeFirst();
  return row?.day ?? undefined;
}
