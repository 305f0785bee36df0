/**
 * A suggestion kept with the history of the tag it was made for: `cleanroom suggest --track
 * NAME:TAG` writes it (with the text of its `cleanroom.yaml`) into the history store's `setting`
 * table under `suggestion:NAME:TAG`, next to the observations of NAME:TAG and NAME:TAG-cleanroom;
 * the API serves it to the console's Alternatives tab. A GET never computes one (that builds an
 * image): it only reads what was stored. Read back through a zod schema, as any outside input.
 */
import { z } from 'zod';
import type { TagRef } from '../../history/image-ref.js';
import type { HistoryStore } from '../../history/store/open.js';
import type { Suggestion } from './suggestion-types.js';

/** The tag the built suggestion is tracked under, beside the original's. */
export const suggestedTagOf = (tag: string) => `${tag}-cleanroom`;

const KEY_PREFIX = 'suggestion:';
const keyOf = (ref: TagRef) => `${KEY_PREFIX}${ref.image}:${ref.tag}`;

/** What is stored for one tracked original. */
export interface StoredSuggestion {
  schemaVersion: '1';
  /** the original as tracked */
  image: string;
  tag: string;
  /** the tag of the same image the built suggestion is tracked under */
  suggestedTag: string;
  /** when suggest ran */
  createdAt: string;
  /** the text of the suggestion's cleanroom.yaml */
  imageFile: string;
  /** what suggest answered (`--format json`); its `files` are paths on the machine that ran it */
  suggestion: Suggestion;
}

const severityCounts = z.record(z.string(), z.number());
const imageProof = z.looseObject({
  packages: z.number(),
  sizeBytes: z.number().optional(),
  today: z
    .looseObject({ bySeverity: severityCounts, total: z.number(), ids: z.array(z.string()) })
    .optional(),
  lastYear: z
    .looseObject({
      from: z.string(),
      to: z.string(),
      accumulated: z.number(),
      dailyAverage: z.number().nullable(),
    })
    .optional(),
});
const storedSchema = z.looseObject({
  schemaVersion: z.literal('1'),
  image: z.string(),
  tag: z.string(),
  suggestedTag: z.string(),
  createdAt: z.string(),
  imageFile: z.string(),
  suggestion: z.looseObject({
    source: z.string(),
    suite: z.string(),
    command: z.array(z.string()),
    packages: z.array(z.looseObject({ name: z.string(), version: z.string(), declared: z.boolean() })),
    leftOut: z.array(z.string()),
    proof: z.looseObject({ span: z.string(), original: imageProof, suggested: imageProof }),
    counterparts: z.array(
      z.looseObject({
        ref: z.string(),
        kind: z.string(),
        proof: imageProof.optional(),
        unreachable: z.string().optional(),
      }),
    ),
    notes: z.array(z.string()),
    warnings: z.array(z.string()),
  }),
});

/** Stores (or replaces) the suggestion of a tracked original. */
export async function saveSuggestion(store: HistoryStore, stored: StoredSuggestion): Promise<void> {
  const key = keyOf(stored);
  await store.transaction(async (tx) => {
    await tx.db.deleteFrom('setting').where('key', '=', key).execute();
    await tx.db
      .insertInto('setting')
      .values({ key, value: JSON.stringify(stored) })
      .execute();
  });
}

/** Where a tag stands: the original a suggestion was made for, or the suggestion built for one. */
export type SuggestionRole = 'original' | 'suggested';

/**
 * The stored suggestion of a tag: made for it (`original`), or the one it was built as
 * (`suggested`, a NAME:TAG-cleanroom tag); undefined when none was stored.
 */
export async function readSuggestion(
  store: HistoryStore,
  ref: TagRef,
): Promise<{ role: SuggestionRole; stored: StoredSuggestion } | undefined> {
  const suffix = suggestedTagOf('');
  const candidates: [SuggestionRole, TagRef][] = [['original', ref]];
  if (ref.tag.endsWith(suffix))
    candidates.push(['suggested', { image: ref.image, tag: ref.tag.slice(0, -suffix.length) }]);
  for (const [role, candidate] of candidates) {
    const row = await store.db
      .selectFrom('setting')
      .select('value')
      .where('key', '=', keyOf(candidate))
      .executeTakeFirst();
    if (!row) continue;
    const parsed = storedSchema.safeParse(JSON.parse(row.value));
    if (!parsed.success)
      throw new Error(
        `the stored suggestion of ${candidate.image}:${candidate.tag} is not one this version reads: ${parsed.error.issues[0]?.message}`,
      );
    const stored = parsed.data as unknown as StoredSuggestion;
    if (role === 'suggested' && stored.suggestedTag !== ref.tag) continue;
    return { role, stored };
  }
  return undefined;
}
