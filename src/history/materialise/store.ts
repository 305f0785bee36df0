/** Reads and writes of the materialised series tables (series_segment, series_state). */
import type { TagRef } from '../image-ref.js';
import type { StoredRow } from './latest.js';
import type { Lens } from '../lens.js';
import type { HistoryStore } from '../store/open.js';
import type { SeriesStateTable } from '../store/schema.js';
import { addDays, FIRST_DAY } from '../date-range.js';
import type { Segment } from './segments.js';

/** A tag's series state, parsed. */
export interface SeriesState {
  image: string;
  tag: string;
  dbKey: string;
  through: string;
  dirtyFrom: string | null;
  fingerprint: string;
  computedAt: string;
  latest: LatestPoints | null;
}

/** The row of each lens on the tag's last observed day, as the Directory lists and sorts it. */
export type LatestPoints = Partial<Record<Lens, StoredRow>>;

function parseState(r: SeriesStateTable): SeriesState {
  return {
    image: r.image,
    tag: r.tag,
    dbKey: r.db_key,
    through: r.through,
    dirtyFrom: r.dirty_from,
    fingerprint: r.fingerprint,
    computedAt: r.computed_at,
    latest: r.latest ? (JSON.parse(r.latest) as LatestPoints) : null,
  };
}

/** One tag's state, if its series was ever materialised. */
export async function readState(store: HistoryStore, ref: TagRef): Promise<SeriesState | undefined> {
  const row = await store.db
    .selectFrom('series_state')
    .selectAll()
    .where('image', '=', ref.image)
    .where('tag', '=', ref.tag)
    .executeTakeFirst();
  return row ? parseState(row) : undefined;
}

/** Whether a tag's series may be read: against which DB, up to which day, dirty or not. */
export async function readFreshness(
  store: HistoryStore,
  ref: TagRef,
): Promise<{ dbKey: string; through: string; dirtyFrom: string | null } | undefined> {
  const r = await store.db
    .selectFrom('series_state')
    .select(['db_key', 'through', 'dirty_from'])
    .where('image', '=', ref.image)
    .where('tag', '=', ref.tag)
    .executeTakeFirst();
  return r ? { dbKey: r.db_key, through: r.through, dirtyFrom: r.dirty_from } : undefined;
}

/** What a Directory page reads of every tag's state: freshness and the stored rows, not the reads. */
export interface StateHead {
  dbKey: string;
  dirtyFrom: string | null;
  latest: LatestPoints | null;
}

/** Every tag's state head, by `image\0tag`. */
export async function readHeads(store: HistoryStore): Promise<Map<string, StateHead>> {
  const rows = await store.db
    .selectFrom('series_state')
    .select(['image', 'tag', 'db_key', 'dirty_from', 'latest'])
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.image}\0${r.tag}`,
      {
        dbKey: r.db_key,
        dirtyFrom: r.dirty_from,
        latest: r.latest ? (JSON.parse(r.latest) as LatestPoints) : null,
      },
    ]),
  );
}

/** One tag's state head. */
export async function readHead(store: HistoryStore, ref: TagRef): Promise<StateHead | undefined> {
  const r = await store.db
    .selectFrom('series_state')
    .select(['db_key', 'dirty_from', 'latest'])
    .where('image', '=', ref.image)
    .where('tag', '=', ref.tag)
    .executeTakeFirst();
  return r
    ? {
        dbKey: r.db_key,
        dirtyFrom: r.dirty_from,
        latest: r.latest ? (JSON.parse(r.latest) as LatestPoints) : null,
      }
    : undefined;
}

/** Every tag's state, by `image\0tag`. */
export async function readStates(store: HistoryStore): Promise<Map<string, SeriesState>> {
  const rows = await store.db.selectFrom('series_state').selectAll().execute();
  return new Map(rows.map((r) => [`${r.image}\0${r.tag}`, parseState(r)]));
}

/** What the tag's inputs are now: observation and move counts (a write in between shows as a change). */
export async function inputsOf(store: HistoryStore, ref: TagRef): Promise<string> {
  const count = async (table: 'observation' | 'tag_digest') =>
    (
      await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('image', '=', ref.image)
        .where('tag', '=', ref.tag)
        .executeTakeFirstOrThrow()
    ).n;
  return `${await count('observation')}:${await count('tag_digest')}`;
}

/** The segments of a lens that overlap `from`…`to`, ascending. */
export async function readSegments(
  store: HistoryStore,
  ref: TagRef,
  lens: Lens,
  from: string,
  to: string,
): Promise<Segment[]> {
  const rows = await store.db
    .selectFrom('series_segment')
    .selectAll()
    .where('image', '=', ref.image)
    .where('tag', '=', ref.tag)
    .where('lens', '=', lens)
    .where('first_day', '<=', to)
    .where('last_day', '>=', from)
    .orderBy('first_day')
    .execute();
  return rows.map((r) => ({
    firstDay: r.first_day,
    lastDay: r.last_day,
    digest: r.digest,
    basis: r.basis as Segment['basis'],
    counts: JSON.parse(r.counts) as Segment['counts'],
    ids: r.ids ? r.ids.split(' ') : [],
    coverage: r.coverage ? (JSON.parse(r.coverage) as Segment['coverage']) : null,
    provenance: JSON.parse(r.provenance) as Segment['provenance'],
  }));
}

export interface SeriesWrite {
  ref: TagRef;
  /** the first day recomputed: segments from it on are replaced, the one across it is cut */
  from: string;
  segments: Record<Lens, Segment[]>;
  state: Omit<SeriesState, 'image' | 'tag' | 'dirtyFrom'>;
  /** the tag's inputs when the computation began: a write since then leaves the tag dirty */
  inputs: string;
}

/** Replaces a tag's segments from a day on and its state, in one transaction. */
export async function writeSeries(store: HistoryStore, w: SeriesWrite): Promise<void> {
  const { image, tag } = w.ref;
  await store.transaction(async (tx) => {
    const db = tx.db;
    await db
      .deleteFrom('series_segment')
      .where('image', '=', image)
      .where('tag', '=', tag)
      .where('first_day', '>=', w.from)
      .execute();
    await db
      .updateTable('series_segment')
      .set({ last_day: addDays(w.from, -1) })
      .where('image', '=', image)
      .where('tag', '=', tag)
      .where('last_day', '>=', w.from)
      .execute();
    const rows = (Object.entries(w.segments) as [Lens, Segment[]][]).flatMap(([lens, list]) =>
      list.map((s) => ({
        image,
        tag,
        lens,
        first_day: s.firstDay,
        last_day: s.lastDay,
        digest: s.digest,
        basis: s.basis,
        counts: JSON.stringify(s.counts),
        ids: s.ids.join(' '),
        coverage: s.coverage ? JSON.stringify(s.coverage) : null,
        provenance: JSON.stringify(s.provenance),
      })),
    );
    if (rows.length) await tx.bulkInsert('series_segment', rows);
    // a write to the tag while it was computed: its series holds only up to the computation's start
    // (the write marked the day it changed, where a state row existed; else all of it is dirty)
    let dirty: string | null = null;
    if ((await inputsOf(tx, w.ref)) !== w.inputs) {
      const marked = (await readState(tx, w.ref))?.dirtyFrom;
      dirty = marked ? (marked < w.from ? marked : w.from) : FIRST_DAY;
    }
    const state = {
      db_key: w.state.dbKey,
      through: w.state.through,
      dirty_from: dirty,
      fingerprint: w.state.fingerprint,
      computed_at: w.state.computedAt,
      latest: w.state.latest ? JSON.stringify(w.state.latest) : null,
    };
    await db
      .insertInto('series_state')
      .values({ image, tag, ...state })
      .onConflict((oc) => oc.columns(['image', 'tag']).doUpdateSet(state))
      .execute();
  });
}

/** Records that a tag's series holds under another DB build too (same fingerprint). */
export async function keepUnderDb(store: HistoryStore, ref: TagRef, dbKey: string): Promise<void> {
  await store.db
    .updateTable('series_state')
    .set({ db_key: dbKey })
    .where('image', '=', ref.image)
    .where('tag', '=', ref.tag)
    .execute();
}
