/**
 * Settings the API keeps in the history store's `setting` table: the ROI assumptions and the SLA
 * that the resolved, time-to-fix and ROI routes use when a request does not say. Validated with
 * zod when written and when read back.
 */
import { z } from 'zod';
import { SEVERITIES } from '../advisory/types.js';
import type { HistoryStore } from '../history/store/open.js';

const perSeverity = z.object(
  Object.fromEntries(SEVERITIES.map((s) => [s, z.number().positive().optional()])),
);

/** The body of PUT /api/settings: any of the keys; an absent key is left as it was. */
export const settingsBody = z
  .object({
    roi: z
      .object({
        hoursPerCve: z.number().positive().optional(),
        hoursBySeverity: perSeverity.optional(),
        hourlyRate: z.number().nonnegative().optional(),
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/)
          .optional(),
      })
      .strict()
      .optional(),
    sla: perSeverity.strict().optional(),
  })
  .strict();

export type ApiSettings = z.infer<typeof settingsBody>;
const KEYS = ['roi', 'sla'] as const;

/** The API settings stored so far. */
export async function readSettings(store: HistoryStore): Promise<ApiSettings> {
  const rows = await store.db
    .selectFrom('setting')
    .select(['key', 'value'])
    .where(
      'key',
      'in',
      KEYS.map((k) => `api.${k}`),
    )
    .execute();
  const raw = Object.fromEntries(rows.map((r) => [r.key.slice(4), JSON.parse(r.value) as unknown]));
  return settingsBody.parse(raw);
}

/** Writes the keys given, in one transaction. */
export async function writeSettings(store: HistoryStore, settings: ApiSettings): Promise<ApiSettings> {
  await store.transaction(async (tx) => {
    for (const key of KEYS) {
      const value = settings[key];
      if (value === undefined) continue;
      await tx.db.deleteFrom('setting').where('key', '=', `api.${key}`).execute();
      await tx.db
        .insertInto('setting')
        .values({ key: `api.${key}`, value: JSON.stringify(value) })
        .execute();
    }
  });
  return readSettings(store);
}
