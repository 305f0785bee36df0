/**
 * Records observations: images, tags, where each tag pointed, each digest's inventory (once) and
 * the observations themselves, all in ONE transaction, so a batch is recorded whole or not at all.
 * Observations are never rewritten: the same (tag, digest, day, scanner) twice is one point.
 */
import type { Kysely } from 'kysely';
import { DEFAULT_RULES } from '../../match/counting.js';
import { dayOf } from '../../time/instant.js';
import { countCompact } from '../compact.js';
import type { NewObservation } from '../types.js';
import type { HistoryStore } from './open.js';
import type { HistoryTables } from './schema.js';
import { moves } from './tag-moves.js';

export interface RecordResult {
  /** observations written */
  recorded: number;
  /** observations already there (same tag, digest, day and scanner), left as they were */
  unchanged: number;
}

/** Records a batch of observations in one transaction. */
export async function recordObservations(
  store: HistoryStore,
  batch: NewObservation[],
): Promise<RecordResult> {
  const sorted = [...batch].sort((a, b) =>
    a.observedAt < b.observedAt ? -1 : a.observedAt > b.observedAt ? 1 : 0,
  );
  return store.transaction(async (tx) => {
    const trx = tx.db;
    let recorded = 0;
    // the rules the stored counts and ids were counted under, said once, for every later reader
    await trx
      .insertInto('setting')
      .values({ key: 'counting_rules', value: JSON.stringify(DEFAULT_RULES) })
      .onConflict((oc) => oc.doNothing())
      .execute();
    for (const o of sorted) await ensureTag(trx, o);
    await ensureDigests(trx, sorted);
    const byTag = new Map<string, NewObservation[]>();
    for (const o of sorted)
      byTag.set(`${o.ref.image}\0${o.ref.tag}`, [...(byTag.get(`${o.ref.image}\0${o.ref.tag}`) ?? []), o]);
    for (const group of byTag.values()) {
      const { image, tag } = group[0]!.ref;
      const existing = await trx
        .selectFrom('tag_digest')
        .select(['since', 'digest'])
        .where('image', '=', image)
        .where('tag', '=', tag)
        .execute();
      // earlier observations too: one that repeated the digest of its time made no row, but a
      // point recorded out of order before it needs the tag to point back there
      const observed = await trx
        .selectFrom('observation')
        .select(['observed_at as since', 'digest'])
        .where('image', '=', image)
        .where('tag', '=', tag)
        .execute();
      const rows = moves(
        existing,
        group.map((o) => ({ since: o.observedAt, digest: o.digest })),
        observed,
      );
      if (rows.length)
        await trx
          .insertInto('tag_digest')
          .values(rows.map((r) => ({ image, tag, ...r })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      for (const o of group) recorded += await insertObservation(trx, o);
      await markDirty(trx, image, tag, dayOf(group[0]!.observedAt));
    }
    return { recorded, unchanged: sorted.length - recorded };
  });
}

// the tag's materialised series (src/history/materialise/) no longer holds from `day` on
async function markDirty(trx: Kysely<HistoryTables>, image: string, tag: string, day: string) {
  await trx
    .updateTable('series_state')
    .set((eb) => ({
      dirty_from: eb
        .case()
        .when('dirty_from', 'is', null)
        .then(day)
        .when('dirty_from', '>', day)
        .then(day)
        .else(eb.ref('dirty_from'))
        .end(),
    }))
    .where('image', '=', image)
    .where('tag', '=', tag)
    .execute();
}

async function ensureTag(trx: Kysely<HistoryTables>, o: NewObservation): Promise<void> {
  await trx
    .insertInto('image')
    .values({ name: o.ref.image, first_seen: o.observedAt })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await trx
    .insertInto('tag')
    .values({ image: o.ref.image, tag: o.ref.tag, first_seen: o.observedAt })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

// a digest's inventory is stored once; a digest first known from a peer's result (no inventory)
// gets its inventory when it is tracked later
async function ensureDigests(trx: Kysely<HistoryTables>, batch: NewObservation[]): Promise<void> {
  const seen = new Map<string, boolean>();
  for (const o of batch) {
    if (seen.get(o.digest) === true || (seen.has(o.digest) && !o.inventory)) continue;
    const row = await trx
      .selectFrom('digest')
      .select(['inventory'])
      .where('digest', '=', o.digest)
      .executeTakeFirst();
    const inventory = o.inventory ? JSON.stringify(o.inventory) : null;
    if (!row)
      await trx
        .insertInto('digest')
        .values({
          digest: o.digest,
          kind: o.digestKind,
          inventory,
          created: o.created ?? null,
          size_bytes: o.sizeBytes ?? null,
          packages: o.packages ?? null,
          first_seen: o.observedAt,
          distro: o.distro ? JSON.stringify(o.distro) : null,
        })
        // another writer (a worker observing another tag of the same content) may insert it first
        .onConflict((oc) => oc.column('digest').doNothing())
        .execute();
    else if (row.inventory === null && inventory !== null)
      await trx.updateTable('digest').set({ inventory }).where('digest', '=', o.digest).execute();
    seen.set(o.digest, row?.inventory != null || inventory !== null);
  }
}

async function insertObservation(trx: Kysely<HistoryTables>, o: NewObservation): Promise<number> {
  const c = countCompact(o.findings, DEFAULT_RULES);
  const result = await trx
    .insertInto('observation')
    .values({
      image: o.ref.image,
      tag: o.ref.tag,
      digest: o.digest,
      day: dayOf(o.observedAt),
      observed_at: o.observedAt,
      scanned_at: o.scannedAt,
      origin: o.origin,
      scanner_name: o.scanner.name,
      scanner_version: o.scanner.version,
      db_built_at: o.db.builtAt,
      db_feeds: JSON.stringify(o.db.feeds),
      critical: c.bySeverity.critical,
      high: c.bySeverity.high,
      medium: c.bySeverity.medium,
      low: c.bySeverity.low,
      negligible: c.bySeverity.negligible,
      unknown: c.bySeverity.unknown,
      total: c.total,
      fixed: c.byFixState.fixed,
      not_fixed: c.byFixState['not-fixed'],
      wont_fix: c.byFixState['wont-fix'],
      suppressed: o.suppressed,
      ids: c.ids.join(' '),
      findings: JSON.stringify(o.findings),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0 ? 1 : 0;
}
